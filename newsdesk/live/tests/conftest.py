from newsdesk.caching.tests.conftest import cached_site  # noqa: F401  (the site behind its cache)
