"""Post exports through the one tolerant reader: real formats end to end, remembered mappings,
row-numbered errors, and a re-import that replaces instead of doubling."""

from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from social import post_import
from social.models import Post, PostColumnMapping, PostImport

SAMPLES = Path(__file__).resolve().parents[2] / "social" / "samples"


def upload(name, content=None):
    data = content if content is not None else (SAMPLES / name).read_bytes()
    return SimpleUploadedFile(name, data)


def import_file(user, profile, name, content=None):
    job = post_import.upload_export(actor=user, profile=profile, uploaded_file=upload(name, content))
    return post_import.run_import(actor=user, job=job, columns=job.columns)


def test_a_douyin_export_with_chinese_headers_is_imported_end_to_end(brand):
    job = import_file(brand["am_a"], brand["douyin"], "douyin_posts.csv")

    assert job.status == PostImport.Status.DONE, job.errors
    assert (job.created, job.updated) == (8, 0)  # the title lines and the 合计 line are no posts
    post = Post.objects.get(external_id="7301200000000000001")
    assert (post.impressions, post.video_views, post.likes, post.saves, post.clicks) == (180200, 125400, 6210, 1103, 2140)
    assert (post.content_type, post.format, post.variant_label) == ("short_video", "竖屏9:16", "A")
    assert timezone.localtime(post.published_at).strftime("%Y-%m-%d %H:%M") == "2026-11-02 20:15"
    assert Post.objects.get(external_id="7301200000000000005").impressions == 164000  # "16.4万"
    assert Post.objects.get(external_id="7301200000000000008").content_type == "carousel"  # 图集


def test_a_meta_xlsx_export_with_english_headers_is_imported(brand):
    job = import_file(brand["am_a"], brand["weibo"], "meta_posts.xlsx")

    assert job.status == PostImport.Status.DONE, job.errors
    reel = Post.objects.get(external_id="122100000000000001")
    assert (reel.content_type, reel.likes, reel.video_views, reel.conversions) == ("short_video", 2100, 39800, 31)
    assert timezone.localtime(reel.published_at).hour == 9


def test_importing_the_same_export_again_replaces_and_never_doubles(brand):
    import_file(brand["am_a"], brand["douyin"], "douyin_posts.csv")
    updated = (SAMPLES / "douyin_posts.csv").read_bytes().replace(b'"6,210"', b'"7,000"')

    job = import_file(brand["am_a"], brand["douyin"], "douyin_posts.csv", updated)

    assert (job.created, job.updated) == (0, 8)
    assert Post.objects.filter(profile=brand["douyin"]).count() == 8
    assert Post.objects.get(external_id="7301200000000000001").likes == 7000


def test_the_confirmed_mapping_is_remembered_for_the_platforms_next_file(brand):
    content = b"ID,When,Kind,Views seen\nx1,2026-11-02 10:00,video,500\n"
    job = post_import.upload_export(actor=brand["am_a"], profile=brand["douyin"], uploaded_file=upload("a.csv", content))
    assert "published_at" not in job.columns  # "When" is no header we know
    post_import.run_import(actor=brand["am_a"], job=job, columns={
        "external_id": "ID", "published_at": "When", "content_type": "Kind", "impressions": "Views seen"})

    again = post_import.upload_export(actor=brand["am_a"], profile=brand["douyin"], uploaded_file=upload("b.csv", content))

    assert again.columns["published_at"] == "When" and again.columns["impressions"] == "Views seen"
    assert PostColumnMapping.objects.get(platform="douyin").updated_by == brand["am_a"]


def test_bad_rows_are_reported_by_line_and_nothing_is_written(brand):
    content = ("作品ID,发布时间,曝光量,点赞数\n"
               "a1,2026-11-02 10:00,1000,10\n"
               "a2,yesterday,1000,10\n"
               "a3,2026-11-02 11:00,lots,10\n"
               "a1,2026-11-02 12:00,1000,10\n").encode()

    job = import_file(brand["am_a"], brand["douyin"], "bad.csv", content)

    assert job.status == PostImport.Status.REJECTED
    assert [(error["line"], error["column"]) for error in job.errors] == [
        (3, "published_at"), (4, "impressions"), (5, "external_id")]
    assert not Post.objects.exists()


def test_the_import_pages_walk_from_upload_to_outcome(brand, client_for):
    client = client_for(brand["am_a"])
    response = client.post(reverse("social:post_import"), {
        "profile": brand["douyin"].pk, "file": upload("douyin_posts.csv")})
    job = PostImport.objects.get()
    assert response.url == job.get_absolute_url()
    page = client.get(job.get_absolute_url())
    assert "作品ID" in page.content.decode()

    client.post(job.get_absolute_url(), {name: header for name, header in job.columns.items()})

    assert "8" in client.get(job.get_absolute_url()).content.decode()
    assert Post.objects.count() == 8


def test_someone_who_may_not_edit_the_account_cannot_import_into_its_profile(brand, client_for):
    response = client_for(brand["am_b"]).post(reverse("social:post_import"), {
        "profile": brand["douyin"].pk, "file": upload("douyin_posts.csv")})
    assert response.status_code == 200 and not PostImport.objects.exists()  # not a choice for am_b
    with pytest.raises(Exception):  # noqa: B017 - PermissionDenied from the service itself
        post_import.upload_export(actor=brand["am_b"], profile=brand["douyin"], uploaded_file=upload("douyin_posts.csv"))
