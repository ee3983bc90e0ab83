"""The newsletters every paper starts with, made by ``newsdesk migrate`` and kept up as
sections are added: a daily briefing, breaking news alerts, and a weekly per section."""

from django.utils.text import slugify

UNCATEGORIZED_SLUG = "uncategorized"

DAILY_BRIEFING = {
    "slug": "daily-briefing",
    "name": "The Daily Briefing",
    "kind": "daily_briefing",
    "sort_order": 10,
    "description": "The day's essential stories, every morning, in five minutes' reading.",
    "sample": "Good morning. Here is what happened while you slept, and what to watch today.",
}
BREAKING_NEWS = {
    "slug": "breaking-news",
    "name": "Breaking News Alerts",
    "kind": "breaking_news",
    "sort_order": 20,
    "description": "One short email when a major story breaks, and only then.",
    "sample": "Breaking: a one-line summary of what happened, with a link to the full story.",
}


def section_weekly(section):
    """What the weekly of ``section`` starts as: off until an editor turns it on."""
    return {
        "slug": slugify(f"{section.slug}-weekly")[:100],
        "name": f"{section.name} Weekly",
        "kind": "section_weekly",
        "sort_order": 100 + section.sort_order,
        "description": f"The week's best stories from {section.name}, every Friday.",
        "sample": f"This week in {section.name}: the stories our readers spent longest with.",
        "is_active": False,
    }


def ensure_weekly(newsletter_model, section):
    """Give a top-level ``section`` its weekly newsletter, unless it has one."""
    if section.parent_id is not None or section.slug == UNCATEGORIZED_SLUG:
        return
    if newsletter_model.objects.filter(section=section).exists():
        return
    fields = section_weekly(section)
    newsletter_model.objects.get_or_create(
        slug=fields.pop("slug"), defaults={**fields, "section": section}
    )


def ensure_defaults(newsletter_model, category_model):
    """Create the paper's starting newsletters that do not exist yet; never change one."""
    for fields in (DAILY_BRIEFING, BREAKING_NEWS):
        fields = dict(fields)
        newsletter_model.objects.get_or_create(kind=fields.pop("kind"), defaults=fields)
    for section in category_model.objects.filter(parent__isnull=True):
        ensure_weekly(newsletter_model, section)
