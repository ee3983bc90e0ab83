"""A real SMTP server for tests: aiosmtpd on a loopback port, keeping what it receives.

Mail goes through Django's SMTP backend and a real SMTP conversation, so the
tests see what a mail server sees: envelopes, headers, MIME parts, refusals.
A test can make the server refuse a recipient for good (5xx) or for now (4xx).
"""

import email
import email.policy
import threading
from dataclasses import dataclass, field

import pytest
from aiosmtpd.controller import Controller

from .sites import free_port


@dataclass
class Received:
    """One message as the server took it: who it was for, and the parsed message."""

    sender: str
    recipients: list
    message: email.message.EmailMessage

    def part(self, content_type):
        """The decoded text of the message's ``text/plain`` or ``text/html`` part."""
        body = self.message.get_body(preferencelist=(content_type.split("/")[1],))
        return body.get_content() if body is not None else None


@dataclass
class MailServer:
    """The handler aiosmtpd calls, and what a test reads and sets on it."""

    host: str = "127.0.0.1"
    port: int = 0
    received: list = field(default_factory=list)
    refusals: dict = field(default_factory=dict)
    deferrals: dict = field(default_factory=dict)
    lock: threading.Lock = field(default_factory=threading.Lock)

    def refuse(self, address, reply="550 5.1.1 No such mailbox"):
        """Refuse ``address`` for good from now on."""
        self.refusals[address.lower()] = reply

    def defer(self, address, times=1, reply="451 4.3.0 Try again later"):
        """Refuse ``address`` for now, the next ``times`` attempts."""
        self.deferrals[address.lower()] = [times, reply]

    def messages_to(self, address):
        """The messages received for ``address``, oldest first."""
        with self.lock:
            return [m for m in self.received if address.lower() in m.recipients]

    def clear(self):
        with self.lock:
            self.received.clear()

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        address = address.lower()
        if address in self.refusals:
            return self.refusals[address]
        deferral = self.deferrals.get(address)
        if deferral and deferral[0] > 0:
            deferral[0] -= 1
            return deferral[1]
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):
        message = email.message_from_bytes(envelope.content, policy=email.policy.default)
        received = Received(envelope.mail_from, list(envelope.rcpt_tos), message)
        with self.lock:
            self.received.append(received)
        return "250 Message accepted for delivery"


@pytest.fixture
def smtp_server(settings):
    """A running SMTP server that Django's mail goes to for the length of the test."""
    server = MailServer(port=free_port())
    controller = Controller(server, hostname=server.host, port=server.port)
    controller.start()
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT = server.host, server.port
    settings.EMAIL_HOST_USER = settings.EMAIL_HOST_PASSWORD = ""
    settings.EMAIL_USE_TLS = settings.EMAIL_USE_SSL = False
    try:
        yield server
    finally:
        controller.stop()
