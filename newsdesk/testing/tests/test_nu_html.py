"""The checker wrapper reports what the Nu Html Checker finds, and nothing on a clean page."""

from newsdesk.testing.nu_html import nu_html_errors

HEAD = '<!DOCTYPE html><html lang="en"><head><title>A page</title></head><body>'
CLEAN = HEAD + "<p>Fine.</p></body></html>"
BROKEN = (
    HEAD + '<p><time datetime="2026-12-04T15:20:51.796604+00:00">today</time></p>'
    "<ul><br></ul></body></html>"
)


def test_a_clean_page_has_no_errors_and_planted_faults_are_named_by_page():
    errors = nu_html_errors({"clean": CLEAN, "broken": BROKEN})
    assert list(errors) == ["broken"]
    assert any("fraction of a second" in error for error in errors["broken"])
    assert any("“br” not allowed as child of element “ul”" in error for error in errors["broken"])
