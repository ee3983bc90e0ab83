"""The payload lists are what the hostile-input tests claim: enough, distinct, each identifiable."""

import base64
import binascii
import html
import re
from urllib.parse import unquote

from .hostile import MARKER_CALL, PAYLOAD_DIR, sql_injections, xss_payloads

ANY_CALL = re.compile(r"(?:__xss|alert|confirm|prompt)\((\d+)\)")
BASE64_RUN = re.compile(r"[A-Za-z0-9+/]{8,}={0,2}")
CHAR_CODES = re.compile(r"fromCharCode\(([\d,]+)\)")
JS_ESCAPE = re.compile(r"\\u([0-9a-fA-F]{4})|\\x([0-9a-fA-F]{2})")


def _base64_decoded(text):
    decoded = []
    for run in BASE64_RUN.findall(text):
        try:
            decoded.append(base64.b64decode(run, validate=True).decode())
        except (binascii.Error, UnicodeDecodeError):
            continue
    return decoded


def readings(text):
    """``text`` as each layer of a browser could decode it: entities, %XX, base64, JS escapes."""
    found = {text, html.unescape(text), unquote(text), unquote(unquote(text))}
    found |= {JS_ESCAPE.sub(lambda m: chr(int(m[1] or m[2], 16)), text)}
    for codes in CHAR_CODES.findall(text):
        found.add("".join(chr(int(code)) for code in codes.split(",")))
    for reading in list(found):
        found.update(_base64_decoded(reading))
    return found


def test_there_are_at_least_two_hundred_distinct_xss_payloads():
    texts = [payload.text for payload in xss_payloads()]
    assert len(texts) >= 200
    assert len(set(texts)) == len(texts)


def test_every_marker_or_dialog_call_carries_its_own_payload_number():
    wrong = [
        (payload.number, called)
        for payload in xss_payloads()
        for called in ANY_CALL.findall(payload.text)
        if int(called) != payload.number
    ]
    assert wrong == []


def test_every_payload_calls_the_marker_or_a_dialog_once_decoded():
    silent = [
        str(payload)
        for payload in xss_payloads()
        if not any(
            f"({payload.number})" in reading or f"`{payload.number}`" in reading
            for reading in readings(payload.text)
        )
    ]
    assert silent == []


def test_most_payloads_call_the_marker_rather_than_a_dialog():
    payloads = xss_payloads()
    with_marker = [p for p in payloads if MARKER_CALL.search(p.text) or "__x" in p.text]
    with_dialog = [p for p in payloads if re.search(r"alert|confirm|prompt", p.text)]
    assert len(with_marker) > 0.9 * len(payloads)
    assert len(with_dialog) >= 10


def test_the_lists_say_where_they_come_from():
    for name in ("xss.txt", "sqli.txt"):
        header = (PAYLOAD_DIR / name).read_text(encoding="utf-8").split("\n", 3)[:3]
        assert header[0].startswith("# ") and "Newsdesk" in header[0]
        assert "for this project" in (PAYLOAD_DIR / name).read_text(encoding="utf-8")


def test_there_are_dozens_of_distinct_sql_injection_strings():
    strings = sql_injections()
    assert len(strings) >= 36
    assert len(set(strings)) == len(strings)
    assert any("\x00" in string for string in strings)
