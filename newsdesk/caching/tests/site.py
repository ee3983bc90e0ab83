"""The site behind the page cache's WSGI layer, served over real HTTP on loopback."""

import gzip
import http.client
import logging
import threading
from dataclasses import dataclass
from urllib.parse import urlencode

import brotli
from bs4 import BeautifulSoup
from django.core.handlers.wsgi import WSGIHandler
from django.core.servers.basehttp import WSGIRequestHandler, WSGIServer
from django.db import DEFAULT_DB_ALIAS, connections
from django.db.backends.signals import connection_created

from newsdesk.caching.layer import PageCacheLayer

logger = logging.getLogger(__name__)
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


def _keep_open():
    """What a connection shared with the test does when Django would close it."""


class CachedSite:
    """``newsdesk.wsgi``'s arrangement (the layer in front of Django) in a server thread.

    One thread serves every request, as a granian worker's threads live from
    one request to the next, holding their database connections.

    Inside a test's transaction (``django_db``), the server works in the
    test's own connection, so it reads what the test wrote without a commit
    and nothing needs emptying afterwards. What the commit would run (the
    page cache's invalidations, CDN purges) runs before each request: a reader
    always arrives after the newsroom's change was committed. In a test that
    commits (``transaction=True``) the server has connections of its own,
    looked after by Django's request cycle as in production.
    """

    def __init__(self):
        self.connection = connections[DEFAULT_DB_ALIAS]  # the test thread's own, not the proxy
        self.shares_connection = self.connection.in_atomic_block
        self.opened = []  # the server thread's own database connections
        self.server = WSGIServer(("127.0.0.1", 0), QuietHandler)
        self.server.set_app(PageCacheLayer(WSGIHandler()))
        self.port = self.server.server_address[1]
        if self.shares_connection:
            # The test's transaction must outlive every request, as with Django's test client.
            self.connection.close_if_unusable_or_obsolete = _keep_open
            self.connection.inc_thread_sharing()
        connection_created.connect(self._opened)
        self.thread = threading.Thread(target=self._serve, daemon=True)
        self.thread.start()

    def _serve(self):
        if self.shares_connection:
            connections[DEFAULT_DB_ALIAS] = self.connection
        try:
            self.server.serve_forever(poll_interval=0.05)
        finally:
            if not self.shares_connection:
                connections.close_all()

    def _opened(self, sender, **kwargs):
        if threading.current_thread() is self.thread:
            self.opened.append(kwargs["connection"])

    def stop(self):
        self.server.shutdown()
        self.server.server_close()
        self.thread.join(timeout=10)
        connection_created.disconnect(self._opened)
        if self.shares_connection:
            self.connection.dec_thread_sharing()
            del self.connection.close_if_unusable_or_obsolete

    def commit(self):
        """Run what committing the test's transaction would, as if it had committed."""
        if not self.shares_connection:
            return
        pending = self.connection.run_on_commit
        while pending:
            _savepoints, callback, robust = pending.pop(0)
            try:
                callback()
            except Exception:
                if not robust:
                    raise
                logger.exception("Error calling %s in on_commit()", callback)

    def request(self, method, path, body=None, headers=None):
        self.commit()
        client = http.client.HTTPConnection("127.0.0.1", self.port, timeout=30)
        try:
            client.request(method, path, body=body, headers=headers or {})
            response = client.getresponse()
            raw = response.read()
            found = {name.lower(): value for name, value in response.getheaders()}
            found["set-cookie"] = response.headers.get_all("Set-Cookie") or []
            return Answer(response.status, found, raw)
        finally:
            client.close()

    def get(self, path, **headers):
        """GET ``path``; keyword arguments are headers, ``If_None_Match`` style."""
        return self.request("GET", path, headers=_headers(headers))

    def post(self, path, fields, **headers):
        headers = {"Content-Type": "application/x-www-form-urlencoded", **_headers(headers)}
        return self.request("POST", path, body=urlencode(fields), headers=headers)


def _headers(keywords):
    return {name.replace("_", "-"): value for name, value in keywords.items()}
