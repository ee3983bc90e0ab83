"""The one place that reads the environment for settings."""

import os
import secrets
from pathlib import Path

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
        fd = os.open(key_file, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(fd, "w") as handle:
            handle.write(secrets.token_urlsafe(50))
    return key_file.read_text().strip()
