"""The one place that reads the environment for settings."""

import os
import secrets
import tempfile
from pathlib import Path
from urllib.parse import parse_qs, unquote, urlsplit

TRUE_WORDS = {"1", "true", "yes", "on"}


def env(name, default=""):
    """Return the environment variable ``name`` as a string, or ``default``."""
    return os.environ.get(name, default)


def env_bool(name, default=False):
    """Return the environment variable ``name`` read as a yes/no flag."""
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in TRUE_WORDS


def env_int(name, default):
    """Return the environment variable ``name`` as an integer."""
    value = os.environ.get(name)
    return default if value in (None, "") else int(value)


def env_list(name, default):
    """Return a comma-separated environment variable as a list of words."""
    value = os.environ.get(name)
    if value is None:
        return list(default)
    return [word.strip() for word in value.split(",") if word.strip()]


def persistent_secret_key(data_dir: Path) -> str:
    """Return the site's secret key, generating it into ``data_dir`` on first run.

    Keeping it in the data folder rather than in code means every install gets
    its own key and a backup of the data folder carries it along.
    """
    key_file = data_dir / "secret_key"
    if not key_file.exists():
        data_dir.mkdir(parents=True, exist_ok=True)
        # Written whole under a private name, then linked into place: two processes
        # starting at once agree on one key, and neither ever reads a half-written file.
        fd, draft = tempfile.mkstemp(dir=data_dir, prefix=".secret_key-")
        try:
            with os.fdopen(fd, "w") as handle:
                handle.write(secrets.token_urlsafe(50))
            os.link(draft, key_file)
        except FileExistsError:
            pass
        finally:
            os.unlink(draft)
    return key_file.read_text().strip()


def email_url_settings(url):
    """Django's SMTP settings from one address: ``smtp://user:password@host:port``.

    ``smtps://`` connects with TLS from the start (port 465 unless given);
    ``?starttls=1`` upgrades a plain connection (port 587 is usual); ``?timeout=N``
    gives up on a silent server after N seconds (30 by default). User and password
    are percent-decoded, so any character can be written in them.
    """
    parts = urlsplit(url)
    if parts.scheme not in {"smtp", "smtps"} or not parts.hostname:
        raise ValueError(f"NEWSDESK_EMAIL_URL must be smtp://host or smtps://host, not {url!r}")
    query = parse_qs(parts.query)
    tls = parts.scheme == "smtps"
    return {
        "EMAIL_HOST": parts.hostname,
        "EMAIL_PORT": parts.port or (465 if tls else 25),
        "EMAIL_HOST_USER": unquote(parts.username or ""),
        "EMAIL_HOST_PASSWORD": unquote(parts.password or ""),
        "EMAIL_USE_SSL": tls,
        "EMAIL_USE_TLS": not tls and query.get("starttls", ["0"])[0].lower() in TRUE_WORDS,
        "EMAIL_TIMEOUT": int(query.get("timeout", ["30"])[0]),
    }
