from django import template

from newsdesk.newsletters.forms import HONEYPOT_FIELD, sign_up_form

register = template.Library()


@register.inclusion_tag("newsletters/sign_up_form.html", takes_context=True)
def sign_up_box(context):
    """The sign-up box at a story's end and on section pages, the daily briefing ticked
    (and the section's weekly, on its pages, when it is offered).

    The same for every reader of the page, so it can be kept in the page cache:
    it holds no token, and records the page it was sent from.
    """
    form = sign_up_form(context["request"].path, context.get("current_section"))
    return {
        "signup_form": form,
        "honeypot": HONEYPOT_FIELD,
        "boxed": True,
        "privacy_notice": context.get("privacy_notice"),
    }
