"""Media in an S3-compatible bucket, for a site that more than one machine serves."""

from django.conf import settings
from django.utils.encoding import filepath_to_uri
from storages.backends.s3 import S3Storage


class ObjectStorage(S3Storage):
    """Pictures, their renditions and documents in an S3-compatible bucket.

    Their links point at this site's MEDIA_URL, where ``core.views.media_file``
    streams each from the bucket: the bucket stays private, and pages load
    nothing from another host, so the Content-Security-Policy stays as it is.
    With a ``custom_domain`` (NEWSDESK_MEDIA_DOMAIN: a CDN, or the bucket made
    public) links point there instead.
    """

    def url(self, name, parameters=None, expire=None, http_method=None):
        if self.custom_domain:
            return super().url(name, parameters, expire, http_method)
        return settings.MEDIA_URL + filepath_to_uri(name).lstrip("/")
