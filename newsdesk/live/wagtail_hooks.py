"""Live coverage in the admin: the story's history names every live change."""

from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.log_actions import LogFormatter

from .cache_tags import live_tag


@hooks.register("newsdesk_article_cache_tags")
def live_updates_on_the_story(story):
    """A story's page shows its live updates: it goes stale when they change."""
    return [live_tag(story.pk)]


class _UpdateFormatter(LogFormatter):
    """Names the update: "Live update posted: “Ferry services resume”"."""

    def format_message(self, log_entry):
        title = log_entry.data.get("title")
        return f"{self.message}: “{title}”" if title else str(self.message)


@hooks.register("register_log_actions")
def register_live_actions(actions):
    actions.register_action("live.start", _("Start live coverage"), _("Live coverage started"))
    actions.register_action("live.end", _("End live coverage"), _("Live coverage ended"))
    for action, label, message in [
        ("live.post", _("Post live update"), _("Live update posted")),
        ("live.edit", _("Edit live update"), _("Live update edited")),
        ("live.withdraw", _("Withdraw live update"), _("Live update withdrawn")),
        ("live.pin", _("Pin live update"), _("Live update pinned")),
        ("live.unpin", _("Unpin live update"), _("Live update unpinned")),
    ]:
        formatter = type("Formatter", (_UpdateFormatter,), {"label": label, "message": message})
        actions.register_action(action)(formatter)
