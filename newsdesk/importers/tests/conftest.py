from io import BytesIO, StringIO
from pathlib import Path

import pytest
from django.core.management import call_command
from PIL import Image

FILES = Path(__file__).parent / "files"
# What `newsdesk migrate` writes: the tree's root, the front page, the story index
# and the privacy notice.
MIGRATED_PAGES = 4


def export_file(name):
    """A sample export from ``tests/files``."""
    return FILES / name


def import_wordpress(name_or_path, **options):
    """Run the command on a sample export (or any path); returns what it printed."""
    path = name_or_path if isinstance(name_or_path, Path) else export_file(name_or_path)
    out = StringIO()
    call_command("import_wordpress", str(path), stdout=out, **options)
    return out.getvalue()


@pytest.fixture
def media_dir(tmp_path):
    """A copied uploads folder holding the ferry picture (attachment 201) and nothing else."""
    folder = tmp_path / "site-copy"
    picture = folder / "wp-content" / "uploads" / "2024" / "05" / "ferry.jpg"
    picture.parent.mkdir(parents=True)
    data = BytesIO()
    Image.new("RGB", (64, 48), "navy").save(data, "JPEG")
    picture.write_bytes(data.getvalue())
    return folder


@pytest.fixture(autouse=True)
def _in_a_scratch_folder(tmp_path, monkeypatch):
    """The command writes its list of warnings to the current folder: not the repository."""
    monkeypatch.chdir(tmp_path)
