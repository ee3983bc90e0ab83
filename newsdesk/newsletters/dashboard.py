"""The dashboard's reminder: newsletter editions drafted and waiting for an editor."""

from django.forms import Media
from wagtail.admin.ui.components import Component
from wagtail.permissions import policy_registry

from . import editions
from .models import Edition

SHOWN = 5


class WaitingEditionsPanel(Component):
    """Drafted editions no one has sent yet (the daily briefing's, above all); hidden when none."""

    name = "newsletters_waiting"
    template_name = "newsletters/admin/waiting_panel.html"
    # Right after the desk (50), before anything else Wagtail adds.
    order = 60

    @property
    def media(self):
        return Media(css={"all": ["newsletters/admin/newsletters.css"]})

    def get_context_data(self, parent_context):
        return {"drafts": self.drafts}

    def render_html(self, parent_context=None):
        """Nothing for who may not send newsletters, nor when none waits: one query at most."""
        user = parent_context["request"].user
        if not policy_registry.get_by_type(Edition).user_has_any_permission(
            user, {"change", "send"}
        ):
            return ""
        self.drafts = list(editions.waiting_drafts()[:SHOWN])
        return super().render_html(parent_context) if self.drafts else ""
