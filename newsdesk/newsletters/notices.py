"""The emails a sign-up sends: a confirmation link, or a note that the address is subscribed.

They carry no text a visitor typed (threat H08 and H10): only the paper's own
words and our signed links, so the form cannot be used to send anyone a message.
"""

from django.conf import settings
from django.core.mail import send_mail
from django.template.loader import render_to_string
from django.urls import reverse

from . import tokens
from .models import Newsletter


def _links(request, sign_up):
    subscriber = sign_up.subscriber
    confirm = reverse(
        "newsletters:confirm",
        kwargs={"token": tokens.confirmation_token(subscriber, sign_up.newsletter_ids)},
    )
    preferences = reverse(
        "newsletters:preferences", kwargs={"token": tokens.preferences_token(subscriber)}
    )
    return request.build_absolute_uri(confirm), request.build_absolute_uri(preferences)


def send_sign_up_email(request, sign_up, site_name):
    """Email the address of ``sign_up`` what it needs; raises what the mail backend raises."""
    confirm_url, preferences_url = _links(request, sign_up)
    context = {
        "site_name": site_name,
        "confirm_url": confirm_url,
        "preferences_url": preferences_url,
        "newsletters": Newsletter.objects.filter(pk__in=sign_up.newsletter_ids),
        "hours": tokens.CONFIRMATION_MAX_AGE // 3600,
    }
    kind = "already_subscribed" if sign_up.mail == "already" else "confirm"
    subject = render_to_string(f"newsletters/notices/{kind}_subject.txt", context)
    send_mail(
        " ".join(subject.split()),
        render_to_string(f"newsletters/notices/{kind}.txt", context),
        settings.DEFAULT_FROM_EMAIL,
        [sign_up.subscriber.email],
        html_message=render_to_string(f"newsletters/notices/{kind}.html", context),
    )
