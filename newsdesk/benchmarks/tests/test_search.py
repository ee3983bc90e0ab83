"""The benchmark's generated paper is a real one, and its report reads the same both ways."""

from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django.utils import timezone
from wagtail.models import Page

from newsdesk.benchmarks import search as benchmark
from newsdesk.benchmarks.generate import add_stories, generated_story
from newsdesk.news.models import ArticlePage
from newsdesk.search.query import search_stories


@pytest.mark.engine
@pytest.mark.django_db
def test_generated_stories_are_published_pages_in_a_sound_tree():
    added = []
    assert add_stories(30, progress=added.append) == 30
    assert sum(added) == 30
    assert all(not problems for problems in Page.find_problems())
    assert ArticlePage.objects.published().count() == 30
    story = ArticlePage.objects.published().first()
    assert story.url.startswith("/news/generated-story-")
    assert story.authors and story.tags.exists()


@pytest.mark.engine
@pytest.mark.django_db
def test_generated_stories_are_found_by_headline_tag_and_author():
    add_stories(20)
    story = ArticlePage.objects.published().select_related("category").first()
    headline_word = story.title.split()[0]
    for q in (headline_word, story.tags.first().name, story.authors[0].name):
        assert story.pk in [found.pk for found in search_stories(q)[0:100]], q


@pytest.mark.engine
@pytest.mark.django_db
def test_adding_more_stories_continues_the_same_paper():
    add_stories(5)
    add_stories(7)
    assert ArticlePage.objects.published().count() == 12
    assert all(not problems for problems in Page.find_problems())


def test_the_same_number_always_gives_the_same_story():
    now = timezone.now()
    first, again = generated_story(7, now), generated_story(7, now)
    assert first == again
    assert first.title != generated_story(8, now).title
    assert first.published_at > generated_story(8, now).published_at


@pytest.mark.engine
@pytest.mark.django_db
def test_measure_times_every_kind_of_query_and_the_baseline():
    add_stories(10)
    timings = benchmark.measure(10, runs=2)
    assert [timing.kind for timing in timings] == ["baseline", "word", "phrase"]
    assert all(timing.p50 <= timing.p99 for timing in timings)
    words = sum(kind == "word" for kind, _q in benchmark.QUERIES)
    assert timings[1].runs == 2 * words


def test_percentiles_are_nearest_rank():
    samples = list(range(1, 101))
    assert benchmark.percentile(samples, 0.5) == 50
    assert benchmark.percentile(samples, 0.99) == 99
    assert benchmark.percentile([7.0], 0.99) == 7.0


def test_the_report_survives_the_trip_between_processes():
    timings = [benchmark.Timing(1000, "word", 50, 3.25, 9.5)]
    sent = benchmark.to_json("SQLite 3", timings)
    assert benchmark.from_json(f"a stray line\n{sent}\n") == ("SQLite 3", timings, None)
    table = benchmark.format_table("SQLite 3", timings)
    assert "   1,000  word          50      3.2      9.5" in table


def test_the_command_refuses_sizes_and_runs_below_one():
    with pytest.raises(CommandError, match="1 or more"):
        call_command("search_benchmark", "--sizes", "0", stdout=StringIO())


def test_a_database_it_cannot_reach_is_a_one_line_error():
    with pytest.raises(CommandError) as raised:
        call_command(
            "search_benchmark",
            "--sizes",
            "5",
            "--runs",
            "1",
            "--database-url",
            "postgres://nobody@127.0.0.1:1/nothing",
            stdout=StringIO(),
        )
    assert str(raised.value).startswith("Database error:")
    assert "\n" not in str(raised.value)


@pytest.mark.heavy
def test_the_command_measures_in_a_scratch_database_and_prints_the_table():
    out = StringIO()
    call_command("search_benchmark", "--sizes", "5", "--runs", "1", stdout=out)
    lines = out.getvalue().splitlines()
    assert lines[0].startswith("Search latency on SQLite")
    assert [line.split()[1] for line in lines[2:]] == ["baseline", "word", "phrase"]
