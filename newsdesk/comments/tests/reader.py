"""A reader in a browser without JavaScript: loads the page, fills the form, sends it."""

from bs4 import BeautifulSoup
from django.test import Client

FILLED_IN = {
    "name": "Rosa Quill",
    "email": "rosa.quill@example.com",
    "website": "",
    "comment": "The new timetable suits early shifts much better.",
}


def textarea_value(textarea):
    """What a browser shows in a textarea: HTML drops one newline right after the tag."""
    return textarea.text.removeprefix("\n")


class Reader:
    def __init__(self, client=None, remote_addr="203.0.113.7"):
        self.client = client or Client(REMOTE_ADDR=remote_addr)
        self.remote_addr = remote_addr

    def page(self, url):
        response = self.client.get(url)
        assert response.status_code == 200, response.status_code
        return BeautifulSoup(response.content, "html.parser")

    def form_values(self, url):
        """Every input the form carries, hidden ones included, as the browser would send."""
        form = self.page(url).select_one("#commentform")
        values = {field["name"]: field.get("value", "") for field in form.select("input[name]")}
        values["comment"] = textarea_value(form.select_one("textarea"))
        return form["action"], values

    def leave_reply(self, article, /, url=None, **fields):
        """Send the "Leave a Reply" form on ``article``; returns the response."""
        action, values = self.form_values(url or article.url)
        values.update({**FILLED_IN, **fields})
        return self.client.post(action, values, REMOTE_ADDR=self.remote_addr)
