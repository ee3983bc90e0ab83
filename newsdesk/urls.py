from urllib.parse import urlsplit

from django.conf import settings
from django.urls import include, path
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.documents import urls as wagtaildocs_urls

from newsdesk.core.views import media_file

urlpatterns = [
    path("admin/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
    path("comments/", include("newsdesk.comments.urls")),
    path("newsletters/", include("newsdesk.newsletters.urls")),
    path("search/", include("newsdesk.search.urls")),
    path("", include("newsdesk.syndication.urls")),
    path("", include("newsdesk.news.urls")),
]

# Unless a CDN or the bucket itself serves them (NEWSDESK_MEDIA_DOMAIN).
if not urlsplit(settings.MEDIA_URL).netloc:
    urlpatterns.append(path(f"{settings.MEDIA_URL.strip('/')}/<path:name>", media_file))

urlpatterns.append(path("", include(wagtail_urls)))
