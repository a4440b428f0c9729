"""An import works when uploads live in S3-compatible object storage instead of a local disk.

This is the multi-machine setting: the web process that receives the file and the worker that
reads it share no disk, only the bucket. moto stands in for MinIO/S3 in the test.
"""

import boto3
import pytest
from moto import mock_aws

from campaigns.models import DailyPerformance
from imports.models import ImportJob
from tests.imports.factories import campaigns_named

pytestmark = pytest.mark.django_db
BUCKET = "socialcrm-test-uploads"


@pytest.fixture
def s3_storage(settings, tmp_path):
    with mock_aws():
        boto3.client("s3", region_name="us-east-1").create_bucket(Bucket=BUCKET)
        settings.STORAGES = {**settings.STORAGES, "default": {
            "BACKEND": "storages.backends.s3.S3Storage",
            "OPTIONS": {"bucket_name": BUCKET, "region_name": "us-east-1", "access_key": "test",
                        "secret_key": "test", "default_acl": None, "file_overwrite": False},
        }}
        yield boto3.resource("s3", region_name="us-east-1").Bucket(BUCKET)


def test_an_upload_is_stored_in_the_bucket_and_imported_from_there(alliance, sample, run_import,
                                                                     s3_storage, tmp_path):
    campaigns_named(alliance["lead_a"], alliance["adv_a"], "Autumn Launch - Skincare",
                    "Brand Awareness Q4", "Singles Day Push")
    data = sample("meta_ads_export.csv")
    _response, job = run_import(alliance["lead_a"], data, source="Meta Ads",
                                mapping={"publisher": alliance["publisher"].pk, "platform": "meta"})
    assert job.status == ImportJob.Status.DONE, job.report
    assert DailyPerformance.objects.count() == job.inserted == 42
    stored = [obj.key for obj in s3_storage.objects.all()]
    assert stored == [job.file.name]
    assert s3_storage.Object(job.file.name).get()["Body"].read() == data
    assert not any(tmp_path.iterdir())  # nothing went to the local MEDIA_ROOT
