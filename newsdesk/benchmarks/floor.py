"""The floor of the per-core bench: a bare WSGI callable answering with one recorded answer.

It sends the status, headers and bytes of a cache hit, recorded from the site,
and does nothing else: what granian and Python cost per request on this
machine, under which no WSGI application can go. granian serves it exactly as
``newsdesk serve`` serves Newsdesk, so the gap between the two is what the page
cache does per request.

granian loads it as ``newsdesk.benchmarks.floor:application``, with
``NEWSDESK_BENCH_FLOOR`` naming the folder the answer was recorded in.
"""

import json
import os
from pathlib import Path

FOLDER_VARIABLE = "NEWSDESK_BENCH_FLOOR"
TARGET = "newsdesk.benchmarks.floor:application"
# Added by the server itself to every answer.
SERVERS_OWN = {"date", "server", "connection", "keep-alive", "transfer-encoding"}


def record(folder, status, headers, body):
    """Keep the answer ``(status, headers, body)`` in ``folder`` for the floor to send.

    ``status`` is a number; ``headers`` pairs as an ``http.client`` response gives them.
    """
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    kept = [(name, value) for name, value in headers if name.lower() not in SERVERS_OWN]
    (folder / "answer.json").write_text(json.dumps({"status": status, "headers": kept}))
    (folder / "answer.body").write_bytes(body)


def bare_application(folder):
    """The WSGI callable sending the answer recorded in ``folder`` to every request."""
    folder = Path(folder)
    answer = json.loads((folder / "answer.json").read_text())
    status = f"{answer['status']} OK"
    headers = [tuple(pair) for pair in answer["headers"]]
    body = (folder / "answer.body").read_bytes()

    def application(environ, start_response):
        start_response(status, headers)
        return [body]

    return application


def __getattr__(name):
    # Made when granian asks for it, so importing the module needs no recorded answer.
    if name == "application":
        return bare_application(os.environ[FOLDER_VARIABLE])
    raise AttributeError(name)
