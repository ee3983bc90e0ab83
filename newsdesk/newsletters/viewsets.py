"""The admin's "Newsletters" menu: each newsletter's settings and page, and the editions.

Wagtail ``ModelViewSet``s in one ``ViewSetGroup``. A newsletter's row opens its
page (``admin_views.NewsletterPageView``: subscribers, editions, progress); an
edition opens in the composer until it goes out. The steps after composing
(preview, test, schedule, send) are views of the editions' viewset too, so
their addresses sit beside the composer's: ``editions:preview``, ``editions:send``...
"""

from django.core.exceptions import ValidationError
from django.db.models import Count, Q
from django.urls import path
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel, ObjectList, Panel
from wagtail.admin.ui.tables import BooleanColumn, Column, DateColumn, TitleColumn
from wagtail.admin.views.generic import IndexView
from wagtail.admin.viewsets.base import ViewSetGroup
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.admin.widgets import AdminPageChooser
from wagtail.permission_policies import ModelPermissionPolicy
from wagtail.permissions import register_permission_policy

from newsdesk.news.models import ArticlePage

from . import admin_sending, admin_views, editions
from .models import Edition, Newsletter, Subscriber

# Passed to the page chooser, which hands it back to our ``construct_page_chooser_queryset``
# hook: Wagtail's chooser has no "published only" option of its own.
PUBLISHED_STORIES = "newsletter_story"
NOT_PUBLISHED = _("“%(story)s” is not published: only stories readers can open go in an edition.")


class EditionPermissionPolicy(ModelPermissionPolicy):
    """What went out stays as it went: only drafts and scheduled editions change or go."""

    def user_has_permission_for_instance(self, user, action, instance):
        if action in {"change", "delete"} and not editions.is_editable(instance):
            return False
        return super().user_has_permission_for_instance(user, action, instance)


class PublishedStoryChooser(AdminPageChooser):
    """The page chooser, offering only published stories."""

    def __init__(self, **kwargs):
        super().__init__(target_models=[ArticlePage], user_perms=PUBLISHED_STORIES, **kwargs)


class StoryCardPanel(Panel):
    """Under a chosen story: its headline, standfirst, picture and link, as the email shows them."""

    class BoundPanel(Panel.BoundPanel):
        template_name = "newsletters/admin/story_card.html"

        def get_context_data(self, parent_context=None):
            context = super().get_context_data(parent_context)
            story_id = getattr(self.instance, "story_id", None)
            context["story"] = (
                ArticlePage.objects.select_related("hero_image").filter(pk=story_id).first()
                if story_id
                else None
            )
            return context


class EditionForm(WagtailAdminModelForm):
    """The composer: newsletter, subject, intro and stories, which must all be published."""

    def is_valid(self):
        valid = super().is_valid()
        for form in self.formsets["stories"].forms:
            chosen = getattr(form, "cleaned_data", {})
            story = None if chosen.get("DELETE") else chosen.get("story")
            if story is not None and not story.live:
                form.add_error("story", ValidationError(NOT_PUBLISHED % {"story": story.title}))
                valid = False
        return valid


class NewsletterIndexView(IndexView):
    def get_base_queryset(self):
        confirmed = Q(subscriptions__subscriber__status=Subscriber.Status.CONFIRMED)
        # Counting groups the rows, which drops the model's ordering: give it back.
        queryset = super().get_base_queryset().annotate(confirmed=Count("subscriptions", confirmed))
        return queryset.order_by(*Newsletter._meta.ordering)


class NewsletterViewSet(ModelViewSet):
    model = Newsletter
    name = "newsletter_admin"
    url_prefix = "newsletters"
    icon = "mail"
    menu_label = _("Newsletters")
    menu_order = 10
    copy_view_enabled = False
    inspect_view_enabled = True
    index_view_class = NewsletterIndexView
    inspect_view_class = admin_views.NewsletterPageView
    list_display = [
        TitleColumn("name", label=_("Newsletter"), url_name="newsletter_admin:inspect"),
        BooleanColumn("is_active", label=_("Offered to readers")),
        Column("confirmed", label=_("Confirmed subscribers")),
        BooleanColumn("sends_automatically", label=_("Sends without review")),
    ]
    edit_handler = ObjectList(
        [
            FieldPanel("name"),
            FieldPanel("slug"),
            FieldPanel("description"),
            FieldPanel("sample"),
            MultiFieldPanel(
                [
                    FieldPanel("is_active"),
                    FieldPanel("sends_automatically"),
                    FieldPanel("archive_public"),
                    FieldPanel("counts_clicks"),
                ],
                heading=_("Sending and archive"),
            ),
        ]
    )

    def get_common_view_kwargs(self, **kwargs):
        # Editions refer to their newsletter for good: a newsletter is turned off, never deleted.
        return super().get_common_view_kwargs(delete_url_name=None, **kwargs)

    def get_urlpatterns(self):
        return [url for url in super().get_urlpatterns() if url.name != "delete"]


class EditionViewSet(ModelViewSet):
    model = Edition
    name = "editions"
    url_prefix = "newsletters/editions"
    icon = "mail"
    menu_label = _("Editions")
    menu_order = 20
    copy_view_enabled = False
    add_view_class = admin_views.ComposeView
    edit_view_class = admin_views.RecomposeView
    list_filter = ["newsletter", "status"]
    list_display = [
        TitleColumn("subject", label=_("Subject"), url_name="editions:edit"),
        "newsletter",
        "status",
        DateColumn("created_at", label=_("Drafted")),
        DateColumn("sent_at", label=_("Sent")),
    ]
    edit_handler = ObjectList(
        [
            FieldPanel("newsletter"),
            FieldPanel("subject"),
            FieldPanel("intro"),
            InlinePanel(
                "stories",
                heading=_("Stories"),
                label=_("Story"),
                help_text=_(
                    "Published stories, in the order the email shows them. Each one's "
                    "headline, standfirst, picture and link go in as they are on the site."
                ),
                panels=[FieldPanel("story", widget=PublishedStoryChooser()), StoryCardPanel()],
            ),
        ],
        base_form_class=EditionForm,
    )

    def get_urlpatterns(self):
        return [
            *super().get_urlpatterns(),
            path("preview/<int:pk>/", admin_views.PreviewView.as_view(), name="preview"),
            path(
                "preview/<int:pk>/email/",
                admin_views.preview_email,
                name="preview_email",
            ),
            path("send/<int:pk>/", admin_sending.SendNowView.as_view(), name="send"),
            path("schedule/<int:pk>/", admin_sending.ScheduleView.as_view(), name="schedule"),
            path("unschedule/<int:pk>/", admin_sending.unschedule, name="unschedule"),
            path("progress/<int:pk>/", admin_views.progress, name="progress"),
            path("breaking/<int:story_id>/", admin_sending.breaking_alert, name="breaking_alert"),
        ]


class NewslettersGroup(ViewSetGroup):
    menu_label = _("Newsletters")
    menu_icon = "mail"
    menu_order = 240
    items = (NewsletterViewSet, EditionViewSet)


register_permission_policy(Edition, EditionPermissionPolicy(Edition))
