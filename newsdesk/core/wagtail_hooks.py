from datetime import timedelta

from wagtail import hooks

from .pictures import prepare_recent_uploads

# Soon enough that a picture whose background work died with its server is ready
# long before most stories using it are published (which would make it anyway).
PICTURE_SWEEP_INTERVAL = timedelta(minutes=5)


@hooks.register("newsdesk_periodic_jobs")
def pictures_of_recent_uploads():
    """For the server's scheduler: renditions of recent uploads that still lack some."""
    return PICTURE_SWEEP_INTERVAL, prepare_recent_uploads
