"""The Nu Html Checker (the W3C's ``vnu.jar``, from npm's ``vnu-jar``) over pages we render.

Java starts once per call, so give it every page of a test at once:
``nu_html_errors({"front page": html, "article": html2})``.
"""

import json
import shutil
import subprocess
import tempfile
from pathlib import Path

import pytest

# A run checks a few dozen small pages: the JVM's optimising compiler would spend
# more than the checking itself (half the CPU time of a call), so the quick
# compiler alone runs it, with the deeper stack its frames need to evaluate the
# HTML schema. The checker and its messages are the same.
JAVA_OPTIONS = ["-XX:TieredStopAtLevel=1", "-Xss8m", "-XX:+UseSerialGC"]
VNU_JAR = (
    Path(__file__).resolve().parents[2] / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"
)


def nu_html_errors(documents):
    """The checker's errors for each named HTML document: ``{name: ["line 3: message", ...]}``.

    Names with no error are left out, so a clean set of pages gives ``{}``.
    Fails the test (never skips it) when Java or the checker is missing.
    """
    java = shutil.which("java")
    if java is None or not VNU_JAR.exists():
        pytest.fail("The Nu Html Checker needs Java and node_modules/vnu-jar: run `make test`.")
    with tempfile.TemporaryDirectory(prefix="newsdesk-vnu-") as folder:
        files = {}
        for position, (name, html) in enumerate(documents.items()):
            path = Path(folder) / f"{position}.html"
            path.write_text(html if isinstance(html, str) else html.decode(), encoding="utf-8")
            files[str(path)] = name
        finished = subprocess.run(
            [java, *JAVA_OPTIONS, "-jar", str(VNU_JAR)]
            + ["--format", "json", "--exit-zero-always", *files],
            capture_output=True,
            text=True,
            check=True,
        )
    errors = {}
    for message in json.loads(finished.stderr or finished.stdout)["messages"]:
        if message["type"] == "error" or message.get("subType") == "fatal":
            # The checker names files as ``file:/tmp/...``.
            url = message.get("url", "")
            name = files.get(url.removeprefix("file:"), url)
            line = message.get("lastLine", "?")
            errors.setdefault(name, []).append(f"line {line}: {message['message']}")
    return errors
