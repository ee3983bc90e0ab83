"""The import's summary: warnings one line per kind, the full list in a file."""

import pytest

from newsdesk.importers.wordpress.report import Report

from . import wxr
from .conftest import import_wordpress


def test_warnings_of_one_kind_are_one_line_with_a_count_and_example_ids(tmp_path):
    report = Report()
    for number in range(1, 41):
        report.warn(f"post {number}", f"image https://old.example/{number}.jpg left out")
        report.warn(f"post {number}", "unknown block core/poll kept as text")
        report.warn(f"attachment {number}", f"2024/05/report-{number}.docx is not a picture")
    report.warn("comment 9", "unknown status 'maybe'; held for moderation")
    report.write_details(tmp_path / "warnings.txt")

    lines = report.lines()

    warnings = lines[lines.index("Warnings (121, 4 kinds):") + 1 :]
    assert warnings == [
        "  image … left out (40×): post 1, post 2, post 3 and 37 more",
        "  unknown block core/poll kept as text (40×): post 1, post 2, post 3 and 37 more",
        "  … is not a picture (40×): attachment 1, attachment 2, attachment 3 and 37 more",
        "  comment 9: unknown status 'maybe'; held for moderation",
        f"Every warning is listed in {tmp_path / 'warnings.txt'}",
    ]
    listed = (tmp_path / "warnings.txt").read_text().splitlines()
    assert len(listed) == 121
    assert listed[-3] == "post 40: unknown block core/poll kept as text"


@pytest.mark.django_db
@pytest.mark.engine
def test_the_command_names_the_file_listing_every_warning(tmp_path):
    untitled = [wxr.post(n, title="") for n in range(1, 6)]
    printed = import_wordpress(wxr.export(tmp_path, *untitled, name="old-blog.xml"))
    assert "  has no title; imported as … (5×): post 1, post 2, post 3 and 2 more" in printed
    listing = tmp_path / "old-blog-import-warnings.txt"
    assert f"Every warning is listed in {listing}" in printed
    assert "post 5: has no title" in listing.read_text()


@pytest.mark.django_db
@pytest.mark.engine
def test_a_folder_that_cannot_hold_the_list_loses_no_import(tmp_path):
    export = wxr.export(tmp_path, wxr.post(1, title=""), name="old-blog.xml")
    (tmp_path / "old-blog-import-warnings.txt").mkdir()  # a folder where the file would go
    printed = import_wordpress(export)
    assert "post 1: has no title" in printed
    assert "Every warning is listed" not in printed
