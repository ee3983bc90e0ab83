"""The byline's role field in the story editor: the list from the site's byline settings."""

from django import forms


def byline_roles():
    """The roles an editor picks from: the paper's byline settings, or the defaults."""
    from .models.settings import BylineSettings

    settings = BylineSettings.objects.filter(site__is_default_site=True).first()
    return (settings or BylineSettings()).role_list()


class RoleSelect(forms.Select):
    """The byline roles as a list, keeping a byline's own role if the desk has since dropped it."""

    def optgroups(self, name, value, attrs=None):
        roles = byline_roles()
        kept = [role for role in value if role and role not in roles]
        self.choices = [(role, role) for role in [*roles, *kept]]
        return super().optgroups(name, value, attrs)

    def get_context(self, name, value, attrs):
        context = super().get_context(name, value, attrs)
        context["widget"]["attrs"].pop("maxlength", None)  # the role's column, not a list's
        return context
