"""Which requests the cache may answer, and which share a key."""

from newsdesk.caching.keys import split_query


def test_parameters_that_change_the_page_are_keyed_in_one_order():
    keyed, passed_on = split_query("replytocom=4&page=2")
    assert keyed == split_query("page=2&replytocom=4")[0]
    assert passed_on == "replytocom=4&page=2"


def test_tracking_parameters_are_dropped_and_others_keep_the_cache_out():
    assert split_query("utm_source=mail&page=2") == ("page=2", "page=2")
    assert split_query("q=ferry") is None


def test_a_repeated_parameter_keeps_the_cache_out():
    # Django reads the last value: page=3&page=2 is page 2, page=2&page=3 is page 3.
    assert split_query("page=3&page=2") is None


def test_an_overlong_query_keeps_the_cache_out():
    assert split_query("page=" + "9" * 600) is None
