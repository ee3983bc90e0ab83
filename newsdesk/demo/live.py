"""The demo paper's live coverage, in our own invented words: a flood night still running,
and a half marathon followed live and ended earlier in the day.

Each update is posted through ``live.coverage`` as a reporter's would be, then
dated back to its place in the evening, so the page, its feeds and its history
read like a desk's night. Both stories are published within the last hours, so
they stand near the top of the front page. Most of the module is the updates'
words, kept together so the night reads in order.
"""

from dataclasses import dataclass, field
from datetime import timedelta

from django.db import transaction
from wagtail.rich_text import RichText

from newsdesk.live import coverage
from newsdesk.live.models import LiveCoverage, LiveUpdate
from newsdesk.news.models import ArticleAuthor, ArticleIndexPage, ArticlePage
from newsdesk.news.models.bylines import REPORTING

FLOOD_SLUG = "eastmere-flood-live"
MARATHON_SLUG = "eastmere-half-marathon-live"
FLOOD_LINK = "https://example.org/estuary-flood-authority/warnings"


@dataclass(frozen=True)
class Update:
    """One update of the demo's coverage: posted ``minutes`` before the demo's now."""

    minutes: int
    text: str = ""
    title: str = ""
    reporter: str = ""
    byline: str = ""
    key_event: bool = False
    pinned: bool = False
    blocks: tuple = field(default=())


FLOOD_UPDATES = (
    Update(
        190,
        "Good evening. Rain has fallen on Eastmere since dawn and the spring tide "
        "peaks at 21:40. We will follow the night here as it unfolds.",
        title="Welcome to our live coverage",
        reporter="nadia-ferrant",
    ),
    Update(
        184,
        "The Estuary Flood Authority has raised its warning for the Old Harbour and "
        "Riverside Terrace to severe: danger to life.",
        title="Severe flood warning issued",
        reporter="lena-marsh",
        key_event=True,
    ),
    Update(
        178,
        "Shops on Quay Street are stacking sandbags in their doorways. One owner "
        "told us it is the third time this winter.",
        reporter="owen-prydderch",
    ),
    Update(
        171,
        "The 19:15 and 19:45 ferries to Saltmarsh Point are cancelled. The harbour "
        "office says no crossings will run before morning.",
        title="Ferries stop",
        reporter="tomas-ilves",
    ),
    Update(
        165,
        "Water is lapping over the lower steps of the Old Harbour footbridge. The "
        "bridge itself is still open to walkers.",
        reporter="nadia-ferrant",
    ),
    Update(
        158,
        "The council has opened a rest centre in the town hall's main hall, with hot "
        "drinks, blankets and room for pets.",
        reporter="grace-okafor",
    ),
    Update(
        152,
        "A reader in Millbrook sent word that the River Mere is running higher than "
        "she has seen in thirty years, and still rising.",
        byline="Chronicle staff",
    ),
    Update(
        146,
        "Station Road is closed between the level crossing and the bus depot. "
        "Buses on routes 4 and 7 are turning back at the library.",
        title="Station Road closed",
        reporter="tomas-ilves",
    ),
    Update(
        139,
        "",
        title="Station Road under water",
        byline="Chronicle photographer",
        blocks=("picture",),
    ),
    Update(
        133,
        "Firefighters are going door to door on Riverside Terrace, asking people on "
        "the ground floors to leave for the night.",
        reporter="nadia-ferrant",
    ),
    Update(
        127,
        "Thirty-four homes on Riverside Terrace have been evacuated; most families "
        "have gone to relatives, twelve people are at the rest centre.",
        title="Riverside Terrace evacuated",
        reporter="nadia-ferrant",
        key_event=True,
    ),
    Update(120, "", title="‘Stay away from the water’", reporter="grace-okafor", blocks=("quote",)),
    Update(
        114,
        "The footbridge between the market and the ferry quay is closed.",
        title="Footbridge closed",
        reporter="tomas-ilves",
    ),
    Update(
        108,
        "About 600 homes in the east of Millbrook have lost power. The network "
        "operator says engineers cannot reach the substation until the water drops.",
        reporter="owen-prydderch",
    ),
    Update(
        101,
        "The Estuary Flood Authority keeps its warnings, and the places to collect "
        "sandbags, on one page.",
        title="Warnings and sandbags",
        reporter="lena-marsh",
        blocks=("link",),
    ),
    Update(
        95,
        "Gusts of 58 mph were recorded at Saltmarsh Point lighthouse in the last "
        "hour, the strongest since the storm in February.",
        reporter="lena-marsh",
    ),
    Update(
        88,
        "The lifeboat crew has brought two people and a dog off a cabin cruiser "
        "that broke its moorings near the boatyard. Nobody was hurt.",
        title="Lifeboat rescue at the boatyard",
        reporter="ravi-dunmore",
    ),
    Update(
        82,
        "Eastmere Athletic says tomorrow's match is off: its car park is a lake.",
        reporter="ravi-dunmore",
    ),
    Update(
        76,
        "Engineers have lowered the tidal barrier at Saltmarsh Point, an hour ahead "
        "of high water, to hold the sea back from the estuary.",
        title="Flood barrier closed",
        reporter="lena-marsh",
        key_event=True,
    ),
    Update(
        69,
        "Queues at the sandbag point on Mill Lane are down to a few cars now.",
        reporter="owen-prydderch",
    ),
    Update(
        62,
        "Residents of Harrowby Road report water coming up through drains rather "
        "than over the river wall.",
        reporter="nadia-ferrant",
    ),
    Update(
        55,
        "High water has passed at the harbour, 40 cm below the level of the 2014 "
        "flood. The council says the next hours decide how far the river falls.",
        title="High tide passes",
        reporter="lena-marsh",
    ),
    Update(
        48,
        "The rest centre now has 31 guests. Volunteers from the sailing club have "
        "brought camp beds.",
        reporter="grace-okafor",
    ),
    Update(
        41,
        "Power is back for about half of the homes cut off in Millbrook.",
        reporter="owen-prydderch",
    ),
    Update(
        34,
        "Police ask drivers not to use the coast road to Saltmarsh Point: debris and "
        "shingle cover it in places.",
        reporter="tomas-ilves",
    ),
    Update(
        27,
        "The River Mere has stopped rising at the Millbrook gauge, the Estuary Flood "
        "Authority says, for the first time since midday.",
        title="River stops rising",
        reporter="lena-marsh",
    ),
    Update(
        20,
        "Riverside Terrace families will not be allowed home tonight. The council "
        "will check each house in daylight.",
        reporter="nadia-ferrant",
    ),
    Update(
        13,
        "Schools on the east side of town will open two hours late tomorrow.",
        reporter="grace-okafor",
    ),
    Update(
        6,
        "The footbridge is open again to walkers; the harbour office says the "
        "ferries will be reviewed at 07:00.",
        reporter="tomas-ilves",
    ),
    # Pinned long ago, so readers see it stay on top of the newer updates.
    Update(
        75,
        "Rest centre: Eastmere town hall, open all night. Sandbags: Mill Lane depot, "
        "while stocks last. Power cuts: call the network operator on 105. In danger: 999.",
        title="Where to get help tonight",
        reporter="nadia-ferrant",
        pinned=True,
    ),
)
# The update corrected after it went out, and the one withdrawn, by their titles.
FLOOD_EDITED = (
    "Riverside Terrace evacuated",
    "Thirty-eight homes on Riverside Terrace have "
    "been evacuated; most families have gone to relatives, twelve people are at "
    "the rest centre.",
)
FLOOD_WITHDRAWN = Update(
    117,
    "The Old Harbour footbridge has been swept away by the flood.",
    title="Footbridge damaged",
    reporter="tomas-ilves",
)

MARATHON_UPDATES = (
    Update(
        410,
        "The half marathon sets off from the Old Harbour at 09:00; 1,200 runners "
        "are at the start line.",
        title="Runners gather",
        reporter="ravi-dunmore",
    ),
    Update(
        398,
        "And they are off. The course runs along the estuary to Saltmarsh Point "
        "and back through Millbrook.",
        title="Race starts",
        reporter="ravi-dunmore",
        key_event=True,
    ),
    Update(
        380,
        "The leading group of six passes the lighthouse at the halfway mark.",
        reporter="ravi-dunmore",
    ),
    Update(
        366,
        "Priya Lowell of Eastmere Harriers breaks clear on the climb into Millbrook.",
        reporter="ravi-dunmore",
    ),
    Update(
        352,
        "Priya Lowell wins in 1:14:08, a course record by forty seconds.",
        title="Course record for Lowell",
        reporter="ravi-dunmore",
        key_event=True,
    ),
    Update(
        330,
        "The last runners are home, to the loudest cheer of the morning. Thank you "
        "for following with us.",
        reporter="ravi-dunmore",
    ),
)


def _paragraph(text):
    return ("paragraph", RichText(f"<p>{text}</p>"))


def _blocks(update, picture):
    """The update's body: its words, then the picture, quote or link card it carries."""
    body = [_paragraph(update.text)] if update.text else []
    for kind in update.blocks:
        if kind == "picture":
            caption = "Station Road by the level crossing, an hour after it was closed."
            body.append(("image", {"image": picture, "caption": caption, "credit": ""}))
        elif kind == "quote":
            words = (
                "Please stay away from the water tonight. Floodwater hides drains, kerbs "
                "and currents, and it takes only a few inches to knock you off your feet."
            )
            who = "Martin Ashdown, emergency planning lead, Eastmere Borough Council"
            body.append(("quote", {"quote": words, "attribution": who}))
        elif kind == "link":
            card = {
                "url": FLOOD_LINK,
                "title": "Flood warnings for the Eastmere estuary",
                "description": "Current warnings, river levels and sandbag collection points.",
            }
            body.append(("link", card))
    return body


def _story(slug, title, standfirst, body, section, picture, reporter, published):
    story = ArticlePage(
        title=title,
        slug=slug,
        standfirst=standfirst,
        category=section,
        hero_image=picture,
        hero_caption=f"{picture.title}.",
        body=[_paragraph(body)],
        live=False,
    )
    ArticleIndexPage.objects.get(slug="news").add_child(instance=story)
    ArticleAuthor.objects.create(article=story, author=reporter, role=REPORTING, sort_order=0)
    story.save_revision().publish()
    ArticlePage.objects.filter(pk=story.pk).update(
        first_published_at=published, last_published_at=published
    )
    return story


def _cover(story, updates, reporters, picture, now):
    """Post ``updates`` to ``story``, each dated back to its minute; returns them by title."""
    coverage.start(story)
    posted = {}
    for update in sorted(updates, key=lambda update: -update.minutes):
        made = coverage.post(
            story,
            body=_blocks(update, picture),
            title=update.title,
            key_event=update.key_event,
            pinned=update.pinned,
            author=reporters.get(update.reporter),
            byline=update.byline,
        )
        LiveUpdate.objects.filter(pk=made.pk).update(
            posted_at=now - timedelta(minutes=update.minutes)
        )
        posted[update.title or made.pk] = made
    first = now - timedelta(minutes=max(update.minutes for update in updates) + 2)
    LiveCoverage.objects.filter(story=story).update(started_at=first)
    return posted


def ensure_live_stories(people, now, picture_of):
    """The flood night, live now, and the half marathon, ended: unless an earlier run made them.

    ``people`` is ``(sections, reporters)`` by slug; ``picture_of(kind, variant)``
    gives one of the demo's pictures.
    """
    sections, reporters = people
    if not ArticlePage.objects.filter(slug=FLOOD_SLUG).exists():
        with transaction.atomic():
            _flood_night(sections, reporters, now, picture_of)
    if not ArticlePage.objects.filter(slug=MARATHON_SLUG).exists():
        with transaction.atomic():
            _half_marathon(sections, reporters, now, picture_of)


def _flood_night(sections, reporters, now, picture_of):
    story = _story(
        FLOOD_SLUG,
        "Flood warning for the Old Harbour as the River Mere rises",
        "A spring tide and a day of rain bring the worst flooding to Eastmere in a decade. "
        "Follow the night here.",
        "Our reporters are out across the town tonight; their updates follow, newest first.",
        sections["city"],
        picture_of("harbour", 0),
        reporters["nadia-ferrant"],
        now - timedelta(minutes=195),
    )
    posted = _cover(
        story, (*FLOOD_UPDATES, FLOOD_WITHDRAWN), reporters, picture_of("street", 1), now
    )
    title, corrected = FLOOD_EDITED
    coverage.edit(posted[title], text=corrected)
    LiveUpdate.objects.filter(pk=posted[title].pk).update(edited_at=now - timedelta(minutes=90))
    coverage.withdraw(posted[FLOOD_WITHDRAWN.title])
    LiveUpdate.objects.filter(pk=posted[FLOOD_WITHDRAWN.title].pk).update(
        withdrawn_at=now - timedelta(minutes=112)
    )


def _half_marathon(sections, reporters, now, picture_of):
    story = _story(
        MARATHON_SLUG,
        "Eastmere half marathon, as it happened",
        "A course record on the estuary path, followed live from the start line.",
        "Ravi Dunmore followed the race from the start to the finish line.",
        sections["sport"],
        picture_of("coast", 0),
        reporters["ravi-dunmore"],
        now - timedelta(minutes=415),
    )
    _cover(story, MARATHON_UPDATES, reporters, None, now)
    coverage.end(story)
    LiveCoverage.objects.filter(story=story).update(ended_at=now - timedelta(minutes=325))
