"""The site behind the page cache's WSGI layer, served over real HTTP on loopback."""

import gzip
import http.client
import threading
from dataclasses import dataclass
from urllib.parse import urlencode

import brotli
from bs4 import BeautifulSoup
from django.core.handlers.wsgi import WSGIHandler
from django.core.servers.basehttp import ThreadedWSGIServer, WSGIRequestHandler

from newsdesk.caching.layer import PageCacheLayer

DECODERS = {"br": brotli.decompress, "gzip": gzip.decompress, "": bytes}


class QuietHandler(WSGIRequestHandler):
    def log_message(self, *args):
        pass


@dataclass
class Answer:
    status: int
    headers: dict
    raw: bytes

    @property
    def body(self):
        return DECODERS[self.headers.get("content-encoding", "")](self.raw)

    @property
    def text(self):
        return self.body.decode()

    @property
    def page(self):
        return BeautifulSoup(self.body, "html.parser")

    @property
    def from_cache(self):
        return self.headers.get("x-cache") == "hit"


class CachedSite:
    """``newsdesk.wsgi``'s arrangement (the layer in front of Django) in a server thread."""

    def __init__(self):
        self.server = ThreadedWSGIServer(("127.0.0.1", 0), QuietHandler)
        self.server.set_app(PageCacheLayer(WSGIHandler()))
        self.port = self.server.server_address[1]
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self.thread.start()

    def stop(self):
        self.server.shutdown()
        self.server.server_close()
        self.thread.join(timeout=10)

    def request(self, method, path, body=None, headers=None):
        connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=30)
        try:
            connection.request(method, path, body=body, headers=headers or {})
            response = connection.getresponse()
            raw = response.read()
            found = {name.lower(): value for name, value in response.getheaders()}
            found["set-cookie"] = response.headers.get_all("Set-Cookie") or []
            return Answer(response.status, found, raw)
        finally:
            connection.close()

    def get(self, path, **headers):
        """GET ``path``; keyword arguments are headers, ``If_None_Match`` style."""
        return self.request("GET", path, headers=_headers(headers))

    def post(self, path, fields, **headers):
        headers = {"Content-Type": "application/x-www-form-urlencoded", **_headers(headers)}
        return self.request("POST", path, body=urlencode(fields), headers=headers)


def _headers(keywords):
    return {name.replace("_", "-"): value for name, value in keywords.items()}
