"""Who is posting: the client address, believed only as far as our own proxies."""

import ipaddress

from django.conf import settings


def client_ip(request):
    """Return the address of the client, trusting only the configured proxy hops.

    Each trusted proxy appends the address it saw to ``X-Forwarded-For``; the
    entry just before our own proxies is the client. Anything further left was
    written by the client and is ignored.
    """
    hops = getattr(settings, "NEWSDESK_TRUSTED_PROXY_COUNT", 0)
    address = request.META.get("REMOTE_ADDR", "")
    if hops > 0:
        forwarded = [
            part.strip() for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")
        ]
        forwarded = [part for part in forwarded if part]
        if len(forwarded) >= hops:
            address = forwarded[-hops]
    try:
        return str(ipaddress.ip_address(address))
    except ValueError:
        return None


def client_network(address):
    """Group an address with its neighbours: the /24 for IPv4, the /64 for IPv6.

    One household or one attacker usually holds a whole IPv6 /64, so limits keyed
    on single addresses would be trivial to dodge.
    """
    if not address:
        return "unknown"
    ip = ipaddress.ip_address(address)
    prefix = 24 if ip.version == 4 else 64
    return str(ipaddress.ip_network(f"{ip}/{prefix}", strict=False))
