"""Hostile files against the post import and the comment import: a clear refusal or a row report,
never a crash, and a refused file writes nothing."""

from django.core.files.uploadedfile import SimpleUploadedFile
from hypothesis import HealthCheck, given, settings

from social import listening, post_import
from social.connectors import WeiboComments
from social.models import Mention, Post, PostImport
from socialcrm.uploads import UploadError
from tests.security.test_upload_fuzz import csv_files

FUZZ = settings(max_examples=30, deadline=None, derandomize=True,
                suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
POST_HEADERS = ["作品ID", "发布时间", "曝光量", "点赞数", "作品类型", "Post ID", "Impressions"]


@FUZZ
@given(data=csv_files(POST_HEADERS))
def test_a_hostile_post_export_is_refused_or_reported_never_crashes(brand, data):
    try:
        job = post_import.upload_export(actor=brand["am_a"], profile=brand["douyin"],
                                        uploaded_file=SimpleUploadedFile("x.csv", data))
        job = post_import.run_import(actor=brand["am_a"], job=job, columns=job.columns)
    except UploadError:
        return
    if job.status == PostImport.Status.REJECTED:
        assert job.errors and all("line" in error for error in job.errors)
        assert not Post.objects.filter(profile=brand["douyin"]).exists()


@FUZZ
@given(data=csv_files(list(WeiboComments.columns.values())))
def test_a_hostile_comment_export_is_refused_or_reported_never_crashes(brand, data):
    before = Mention.objects.count()
    try:
        result = listening.ingest_export(actor=brand["am_a"], account=brand["adv_a"],
                                         uploaded_file=SimpleUploadedFile("c.csv", data))
    except UploadError:
        return
    if result.errors:
        assert Mention.objects.count() == before
