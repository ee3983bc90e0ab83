"""A real S3-compatible server on loopback for the suite: moto's server mode.

One server for the run (``object_store``); each test that needs a bucket gets a
new, empty one (``bucket``), which it can give to the site under test in-process
(``bucket.use_in(settings)``) or to a ``newsdesk`` process it starts
(``bucket.environment()``).
"""

import logging
import uuid
from dataclasses import dataclass

import boto3
import pytest
from moto.server import ThreadedMotoServer

# moto accepts any credentials; these only have to be present.
CREDENTIALS = {"AWS_ACCESS_KEY_ID": "newsdesk-test", "AWS_SECRET_ACCESS_KEY": "newsdesk-test"}
REGION = "eu-west-2"


@dataclass
class Bucket:
    """An empty bucket on the suite's S3 server, with media kept under ``prefix``."""

    endpoint_url: str
    name: str
    prefix: str = "newsroom"

    @property
    def media_url(self):
        return f"s3://{self.name}/{self.prefix}"

    def environment(self):
        """Environment variables pointing a ``newsdesk`` process's media at this bucket."""
        return {
            **CREDENTIALS,
            "NEWSDESK_MEDIA_URL": self.media_url,
            "NEWSDESK_S3_ENDPOINT_URL": self.endpoint_url,
            "NEWSDESK_S3_REGION": REGION,
        }

    def use_in(self, settings):
        """Point this process's media storage at the bucket (pytest-django's ``settings``)."""
        settings.STORAGES = {
            **settings.STORAGES,
            "default": {
                "BACKEND": "newsdesk.core.storage.ObjectStorage",
                "OPTIONS": {
                    "bucket_name": self.name,
                    "location": self.prefix,
                    "endpoint_url": self.endpoint_url,
                    "region_name": REGION,
                    "access_key": CREDENTIALS["AWS_ACCESS_KEY_ID"],
                    "secret_key": CREDENTIALS["AWS_SECRET_ACCESS_KEY"],
                    "file_overwrite": False,
                    "querystring_auth": False,
                },
            },
        }

    def client(self):
        return boto3.client(
            "s3",
            endpoint_url=self.endpoint_url,
            region_name=REGION,
            aws_access_key_id=CREDENTIALS["AWS_ACCESS_KEY_ID"],
            aws_secret_access_key=CREDENTIALS["AWS_SECRET_ACCESS_KEY"],
        )

    def keys(self):
        """Every object's key in the bucket, sorted."""
        pages = self.client().get_paginator("list_objects_v2").paginate(Bucket=self.name)
        return sorted(item["Key"] for page in pages for item in page.get("Contents", ()))

    def read(self, key):
        return self.client().get_object(Bucket=self.name, Key=key)["Body"].read()


@pytest.fixture(scope="session")
def object_store():
    """moto's S3 server on a free loopback port for the whole run; its endpoint URL."""
    # Every request would otherwise be logged into each failing test's report.
    logging.getLogger("werkzeug").setLevel(logging.WARNING)
    server = ThreadedMotoServer(ip_address="127.0.0.1", port=0, verbose=False)
    server.start()
    host, port = server.get_host_and_port()
    yield f"http://{host}:{port}"
    server.stop()


@pytest.fixture
def bucket(object_store):
    """A new, empty bucket on the suite's S3 server."""
    created = Bucket(object_store, f"newsdesk-{uuid.uuid4().hex[:12]}")
    created.client().create_bucket(
        Bucket=created.name, CreateBucketConfiguration={"LocationConstraint": REGION}
    )
    return created
