"""Whatever a client posts to the comment form, the answer is a page or a clear refusal.

Hypothesis builds the posts: any text, bytes decoded leniently, strings past
every limit, missing and repeated fields, fields the form never had, and
``reply_to`` and ``form_token`` values from plausible to absurd. No post may
end in a 500 or an escaping exception; a form shown again still holds the
reader's words, and a comment that is accepted is stored as typed.
"""

from urllib.parse import urlencode

import pytest
from bs4 import BeautifulSoup
from django.conf import settings as django_settings
from django.test import Client
from django.utils import timezone
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

from newsdesk.comments.models import Comment
from newsdesk.comments.posting import submission_key
from newsdesk.comments.tests.reader import textarea_value
from newsdesk.comments.text import normalised
from newsdesk.comments.tokens import issue_form_token, read_form_token
from newsdesk.news.tests.builders import make_article

from .hostile import comment_form_data, comment_url, sql_injections, xss_payloads

pytestmark = [pytest.mark.django_db, pytest.mark.heavy]

HOSTILE = [*sql_injections(), *(payload.text for payload in xss_payloads())]
WORDS = st.one_of(
    st.text(max_size=200),
    st.binary(max_size=200).map(lambda raw: raw.decode("utf-8", errors="replace")),
    st.sampled_from(HOSTILE),
)
# Text a reader could type: no control characters, so the form accepts it.
READABLE = st.text(
    st.characters(codec="utf-8", exclude_categories=["Cc", "Cs"]), min_size=1, max_size=300
).filter(str.strip)
# None leaves the field out; a list sends it that many times.
FIELD = st.one_of(st.none(), WORDS, st.lists(WORDS, min_size=2, max_size=3))
TAMPERED = {
    "name": FIELD,
    "email": st.one_of(st.emails(), FIELD),
    "website": FIELD,
    "reply_to": st.one_of(
        FIELD,
        st.integers(min_value=-(2**70), max_value=2**70).map(str),
        st.sampled_from(["approved", "pending", "elsewhere"]),
    ),
    "form_token": st.one_of(st.sampled_from(["stale", "spent"]), FIELD),
}
EXTRA = st.dictionaries(
    st.one_of(
        st.sampled_from(["status", "is_public", "user", "article", "ip_address", "depth"]),
        st.text(min_size=1, max_size=20),
    ),
    WORDS,
    max_size=4,
)
# Mostly 0: a string past the comment's 10,000 characters, or past the 256 KB a
# request may carry, in one field now and then.
OVERSIZE = st.sampled_from([0] * 9 + [10_001, 120_000, 300_000])


@pytest.fixture
def story(settings):
    """An open story with approved and pending comments, another story, and a spent token."""
    settings.NEWSDESK_COMMENTS_RATE_LIMIT = 0
    article = make_article("Harbour lights switched to LED")
    elsewhere = make_article("Library opening hours")
    spent = issue_form_token()
    Client().post(comment_url(article), comment_form_data(form_token=spent))
    targets = {
        "approved": Comment.objects.create(
            article=article, name="Ana", email="ana@example.com", body="Yes.", status="approved"
        ).pk,
        "pending": Comment.objects.create(
            article=article, name="Ben", email="ben@example.com", body="No.", status="pending"
        ).pk,
        "elsewhere": Comment.objects.create(
            article=elsewhere, name="Cy", email="cy@example.com", body="Maybe.", status="approved"
        ).pk,
    }
    tokens = {
        "stale": lambda: issue_form_token(
            backdate=django_settings.NEWSDESK_COMMENTS_MAX_FORM_AGE + 60
        ),
        "spent": lambda: spent,
    }
    return article, targets, tokens


def resolve(value, named):
    """Turn a strategy's symbolic value ("stale", "approved") into the real one."""
    if isinstance(value, str) and value in named:
        found = named[value]
        return str(found() if callable(found) else found)
    return value


def sent_value(data, name):
    """What Django reads for ``name``: the last value sent, or "" when none was."""
    value = data.get(name)
    if isinstance(value, list):
        return value[-1]
    return "" if value is None else value


@settings(
    max_examples=150,
    deadline=None,
    derandomize=True,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(
    # A few fields tampered with at a time, the rest as a reader fills them, so
    # that posts get past the form's checks to the thread, the token and the database.
    tampered=st.sets(st.sampled_from(sorted(TAMPERED)), max_size=3),
    comment=st.one_of(READABLE, FIELD),
    extra=EXTRA,
    oversize=OVERSIZE,
    urlencoded=st.booleans(),
    data=st.data(),
)
def test_any_post_gets_a_page_or_a_clear_refusal_and_keeps_the_words(
    story, tampered, comment, extra, oversize, urlencoded, data
):
    article, targets, tokens = story
    post = {key: value for key, value in extra.items() if key not in (*TAMPERED, "comment")}
    post.update(comment_form_data(comment=comment, reply_to=None))
    for name in sorted(tampered):
        post[name] = data.draw(TAMPERED[name], label=name)
    if oversize:
        post[data.draw(st.sampled_from(["name", "comment", "extra"]), label="oversize")] = (
            "ẋ" * oversize
        )
    post["reply_to"] = resolve(post.get("reply_to"), targets)
    post["form_token"] = resolve(post.get("form_token"), tokens)
    post = {key: value for key, value in post.items() if value is not None}

    client = Client()
    started = timezone.now()
    if urlencoded:
        response = client.post(
            comment_url(article),
            urlencode(post, doseq=True),
            content_type="application/x-www-form-urlencoded",
        )
    else:
        response = client.post(comment_url(article), post)

    event(f"answered {response.status_code}")
    assert response.status_code < 500
    if response.status_code == 302:
        token_key = read_form_token(sent_value(post, "form_token")).key
        key = submission_key(token_key, sent_value(post, "email"), sent_value(post, "comment"))
        stored = Comment.objects.get(submission_key=key)
        typed = sent_value(post, "comment").replace("\r\n", "\n").replace("\r", "\n").strip()
        if stored.created_at < started:
            # A resend of the first post: the same words as a reader would judge them.
            assert normalised(stored.body) == normalised(typed)
        else:
            assert stored.body == typed
            # Every new comment waits for a moderator, whatever "status" the post claimed.
            assert stored.status != Comment.Status.APPROVED
            assert stored.article_id == article.pk
        return
    form = BeautifulSoup(response.content, "html.parser").select_one("#commentform")
    if form is not None and form.select_one("textarea"):
        assert textarea_value(form.select_one("textarea")) == sent_value(post, "comment")
