"""A live story with every kind of update, and an ended one: for validators, browsers and eyes."""

from newsdesk.live import coverage
from newsdesk.news.tests.builders import make_article, make_author, make_category, make_image

from .builders import make_live_story


def build_live_stories():
    """Returns ``(running, ended)``: two published live stories, the second one ended.

    The running story has key events, a pinned update, an edited and a withdrawn
    one, a picture, a quote and a link card, by a reporter and by a typed byline.
    """
    weather = make_category("Weather")
    reporter = make_author("Ines Tarr")
    picture = make_image(description="Spray rising over the harbour wall", size=(800, 600))
    running = make_live_story(
        "Storm Alder reaches the coast",
        category=weather,
        authors=[reporter],
        standfirst="Gusts of up to 90 mph are expected overnight; ferries and trains are halted.",
        body=[],
    )
    post = coverage.post
    post(
        running,
        text="The first band of rain reached the western headland at noon.",
        author=reporter,
    )
    post(
        running,
        title="All ferries halted",
        key_event=True,
        author=reporter,
        text="The harbour authority stopped every crossing until at least tomorrow morning.",
    )
    wrong = post(running, text="Forty boats have been moved inland.", byline="Desk staff")
    coverage.withdraw(wrong)
    post(
        running,
        author=reporter,
        body=[
            (
                "image",
                {
                    "image": picture.pk,
                    "caption": "Spray over the harbour wall at 2pm.",
                    "credit": "Photo: Newsdesk staff",
                },
            ),
        ],
    )
    post(
        running,
        byline="Tom Reyes",
        body=[
            (
                "quote",
                {
                    "quote": "Please stay away from the sea front until the wind drops.",
                    "attribution": "The coastguard's duty officer",
                },
            ),
        ],
    )
    edited = post(running, text="Trains between the two towns are cancelled.", author=reporter)
    coverage.edit(edited, text="Trains between the two towns are cancelled for the evening.")
    post(
        running,
        title="Schools close tomorrow",
        key_event=True,
        byline="Tom Reyes",
        text="Every school on the coast will stay closed; the council will say more at 7am.",
    )
    post(
        running,
        pinned=True,
        author=reporter,
        body=[
            ("paragraph", "<p>Where to find help tonight, and which roads are closed.</p>"),
            (
                "link",
                {
                    "url": "https://example.org/storm-help",
                    "title": "Storm help line",
                    "description": "The council's page of shelters and closed roads.",
                },
            ),
        ],
    )

    ended = make_live_story("Marathon day on the promenade", category=weather, body=[])
    post(
        ended,
        title="The winner crosses the line",
        key_event=True,
        text="A local runner won in two hours and nine minutes.",
        byline="Sports desk",
    )
    post(ended, text="The promenade reopens to traffic at six.", byline="Sports desk")
    coverage.end(ended)
    make_article("Harbour dues rise in spring", category=make_category("Harbour"))
    return running, ended
