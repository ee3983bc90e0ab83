from django.conf import settings
from wagtail.models import Site


def site_identity(request):
    """The publication's name, as set on the Wagtail site, for every template."""
    site = Site.find_for_request(request)
    return {"site_name": (site and site.site_name) or settings.WAGTAIL_SITE_NAME}
