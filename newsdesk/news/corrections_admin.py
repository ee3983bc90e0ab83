"""The admin's corrections and clarifications: add one to a story, or withdraw one; never delete.

A Wagtail ``ModelViewSet`` whose create and edit views go through
``news.corrections``; its edit form only withdraws. There is no delete view at
all, and the permission policy refuses deleting to anyone who asks.
"""

from django import forms
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.panels import FieldPanel, ObjectList
from wagtail.admin.ui.tables import DateColumn, TitleColumn, UserColumn
from wagtail.admin.views import generic
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.admin.widgets import AdminPageChooser
from wagtail.permission_policies import ModelPermissionPolicy
from wagtail.permissions import register_permission_policy

from . import corrections
from .models import ArticlePage, Correction

NOT_OUT_YET = _("Only a story that has gone out can be corrected; edit a draft instead.")


class CorrectionPermissionPolicy(ModelPermissionPolicy):
    """Nobody deletes a correction: withdrawing one is the only way back, and leaves a trace."""

    def user_has_permission(self, user, action):
        return action != "delete" and super().user_has_permission(user, action)

    def user_has_permission_for_instance(self, user, action, instance):
        return action != "delete" and super().user_has_permission_for_instance(
            user, action, instance
        )


class CorrectionForm(WagtailAdminModelForm):
    """Adding: the story, the kind and the words. Afterwards: only withdrawing."""

    withdraw = forms.BooleanField(
        label=_("Withdraw"),
        required=False,
        help_text=_(
            "Readers will see “This correction was withdrawn on <date>” where it stood. "
            "This cannot be undone."
        ),
    )

    class Meta:
        model = Correction
        fields = ["article", "kind", "text"]
        widgets = {"article": AdminPageChooser(target_models=[ArticlePage])}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk is None:
            del self.fields["withdraw"]
            return
        # What readers were told stays as it was told.
        for name in ("article", "kind", "text"):
            self.fields[name].disabled = True
        if self.instance.is_withdrawn:
            self.fields["withdraw"].disabled = True
            self.initial["withdraw"] = True

    def clean_article(self):
        article = self.cleaned_data["article"]
        if self.instance.pk is None and not article.live:
            raise ValidationError(NOT_OUT_YET)
        return article


class AddCorrectionView(generic.CreateView):
    submit_button_label = _("Add")
    success_message = _("%(object)s: added. Readers see it on the story now.")

    def get_initial(self):
        """``?article=<id>``, as the story's edit page links here, chooses the story."""
        initial = super().get_initial()
        article = ArticlePage.objects.filter(pk=self.request.GET.get("article") or None).first()
        if article is not None:
            initial["article"] = article
        return initial

    def save_instance(self):
        data = self.form.cleaned_data
        return corrections.add(
            data["article"], kind=data["kind"], text=data["text"], by=self.request.user
        )


class WithdrawCorrectionView(generic.EditView):
    def get_success_message(self):
        if self.object.withdrawn_at is not None:
            return _("%(kind)s withdrawn: readers see when it was.") % {
                "kind": self.object.get_kind_display()
            }
        return _("Nothing changed: a correction can only be withdrawn.")

    def save_instance(self):
        if self.form.cleaned_data.get("withdraw"):
            return corrections.withdraw(self.object, by=self.request.user)
        return self.object


class CorrectionViewSet(ModelViewSet):
    model = Correction
    icon = "warning"
    menu_label = _("Corrections")
    menu_order = 230
    add_to_admin_menu = True
    copy_view_enabled = False
    name = "corrections"
    list_filter = ["kind"]
    list_display = [
        # The row opens the note, where it can be withdrawn.
        TitleColumn("article", label=_("Story"), url_name="corrections:edit"),
        "kind",
        "text",
        DateColumn("created_at", label=_("Added")),
        UserColumn("created_by", label=_("Added by")),
        DateColumn("withdrawn_at", label=_("Withdrawn")),
    ]
    edit_handler = ObjectList(
        [FieldPanel("article"), FieldPanel("kind"), FieldPanel("text"), FieldPanel("withdraw")],
        base_form_class=CorrectionForm,
    )
    add_view_class = AddCorrectionView
    edit_view_class = WithdrawCorrectionView

    def get_common_view_kwargs(self, **kwargs):
        return super().get_common_view_kwargs(delete_url_name=None, **kwargs)

    def get_urlpatterns(self):
        return [url for url in super().get_urlpatterns() if url.name != "delete"]


register_permission_policy(Correction, CorrectionPermissionPolicy(Correction))


def add_url(article):
    """The admin's address for adding a correction to ``article``."""
    return f"{reverse('corrections:add')}?{urlencode({'article': article.pk})}"
