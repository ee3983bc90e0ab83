"""The demo paper's update note, correction and clarification, in our own invented words.

They go on stories by their place in the publishing order, so every demo paper
of three or more stories shows each of them.
"""

from newsdesk.news import corrections
from newsdesk.news.models import Correction

# A story republished two hours after it went out (see ``build.write_article``).
UPDATED_STORY = 2
UPDATE_NOTE = "Adds the council's reply, which arrived after this story first went out."
NOTES = {
    1: (
        Correction.Kind.CORRECTION,
        "An earlier version of this story gave the wrong day for the public meeting. "
        "It is on Thursday evening, not Tuesday.",
    ),
    3: (
        Correction.Kind.CLARIFICATION,
        "This story has been changed to make clear that the figures are the council's "
        "own estimates, not a final count.",
    ),
}


def update_note(index):
    """The note the ``index``-th story carries under its standfirst, if any."""
    return UPDATE_NOTE if index == UPDATED_STORY else ""


def add_notes(article, index):
    """Add the ``index``-th story's correction or clarification, if it has one."""
    if index in NOTES:
        kind, text = NOTES[index]
        corrections.add(article, kind=kind, text=text)
