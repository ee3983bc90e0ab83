"""Small builders for live coverage; the reader's and the machines' tests use them too."""

from django.contrib.auth import get_user_model

from newsdesk.live import coverage
from newsdesk.news.tests.builders import make_article


def make_live_story(title="Storm reaches the coast", **fields):
    """A published story whose live coverage is running."""
    story = make_article(title, **fields)
    coverage.start(story)
    return story


def make_reporter(username="ines", first_name="Ines", last_name="Tarr", **fields):
    """A staff user in the Reporters group, as the desk's setup makes them."""
    from django.contrib.auth.models import Group

    user = get_user_model().objects.create_user(
        username=username,
        password="pw",
        first_name=first_name,
        last_name=last_name,
        is_staff=True,
        **fields,
    )
    user.groups.add(Group.objects.get(name="Reporters"))
    return user


def post_updates(story, count, **fields):
    """``count`` updates on ``story``, oldest first, each one sentence."""
    return [
        coverage.post(story, text=f"Update {n} from the coast.", **fields) for n in range(count)
    ]
