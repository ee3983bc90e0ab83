"""Marking the reader's search words in story cards."""

from django import template

from .. import snippets

register = template.Library()


@register.filter
def highlight(text, terms):
    """``{{ story.title|highlight:terms }}``: the text, escaped, with the terms marked."""
    return snippets.highlight(text, terms)


@register.filter
def body_snippet(story, terms):
    """``{{ story|body_snippet:terms }}``: an excerpt of the body around the first term."""
    return snippets.snippet(snippets.body_text(story.body), terms)
