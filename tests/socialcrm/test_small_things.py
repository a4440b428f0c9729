"""Daily-use polish (issue 19): controls that keep their state in the URL and work with Enter,
buttons that look disabled when they are, a step indicator that moves on, a status control that
never starts on a step backwards, and cancelling a campaign that asks first and says what happens."""

import re
from datetime import timedelta

import pytest
from django.core.cache import cache
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from campaigns.models import Campaign
from imports.models import ImportJob, SourceMapping


@pytest.fixture(autouse=True)
def _fresh_cache():
    """The dashboard caches by rollup version, which starts over with every test database."""
    cache.clear()
    yield
    cache.clear()


def _status_controls(page):
    select = re.search(r'<select name="status" aria-label="New status">(.*?)</select>', page, re.S).group(1)
    return re.findall(r'<option value="(\w+)"( selected)?>', select)


def test_the_status_control_starts_on_the_way_forward_and_never_offers_cancel(client, alliance):
    campaign = alliance["campaign_a"]
    Campaign.objects.filter(pk=campaign.pk).update(status=Campaign.Status.IN_PRODUCTION)
    client.force_login(alliance["lead_a"])
    page = client.get(campaign.get_absolute_url()).content.decode()
    options = _status_controls(page)
    assert options[0] == ("live", " selected")
    assert ("planning", "") in options and all(value != "cancelled" for value, _ in options)


def test_cancelling_is_its_own_button_that_asks_and_says_what_happens(client, alliance):
    campaign = alliance["campaign_a"]
    client.force_login(alliance["lead_a"])
    page = client.get(campaign.get_absolute_url()).content.decode()
    form = re.search(r'<form[^>]*data-confirm="([^"]*)"[^>]*>[^<]*<input[^>]*>'
                     r'<input type="hidden" name="status" value="cancelled"><button class="danger">Cancel campaign',
                     page)
    assert form and "Cancelling is final" in form.group(1) and "reminders stop" in form.group(1)
    client.post(reverse("campaigns:campaign_status", args=[campaign.pk]), {"status": "cancelled"})
    campaign.refresh_from_db()
    assert campaign.status == Campaign.Status.CANCELLED
    page = client.get(campaign.get_absolute_url()).content.decode()
    assert "Cancel campaign" not in page and 'name="status"' not in page  # final: nothing left to choose


def test_the_cancel_question_is_asked_in_chinese_too(client, alliance):
    client.force_login(alliance["lead_a"])
    client.cookies["django_language"] = "zh-hans"
    page = client.get(alliance["campaign_a"].get_absolute_url()).content.decode()
    assert "取消此广告活动？" in page


def _job(user, status, **fields):
    source, _ = SourceMapping.objects.get_or_create(name="Ocean Engine", defaults={"updated_by": user})
    return ImportJob.objects.create(uploaded_by=user, source=source, original_name="daily.csv", size=10,
                                    content_hash=f"{status}-{fields}", status=status, headers=["day"],
                                    file=SimpleUploadedFile("daily.csv", b"day\n"), **fields)


def test_a_disabled_import_button_says_why_and_the_steps_move_on_after_importing(client, alliance):
    client.force_login(alliance["lead_a"])
    checked = _job(alliance["lead_a"], ImportJob.Status.VALIDATED, good_rows=8, bad_rows=2)
    page = client.get(checked.get_absolute_url()).content.decode()
    assert re.search(r'<button class="primary" type="submit" name="mode" value="all" disabled '
                     r'aria-describedby="why-not-whole-file">Import the whole file</button>', page)
    assert 'id="why-not-whole-file">Not possible while some rows are rejected' in page
    assert re.search(r'<li class="current" aria-current="step">4\. Check rows</li>', page)

    done = _job(alliance["lead_a"], ImportJob.Status.DONE, good_rows=10)
    page = client.get(done.get_absolute_url()).content.decode()
    assert re.search(r'<li class="current" aria-current="step">5\. Import</li>', page)
    assert '<li class="done">4. Check rows</li>' in page
    # the 1-second poll swaps the status card, and the steps with it
    partial = client.get(done.get_absolute_url(), headers={"HX-Request": "true"}).content.decode()
    assert 'aria-current="step">5. Import</li>' in partial


def test_dashboard_filters_applied_through_htmx_move_the_saved_view_with_them(client, alliance):
    client.force_login(alliance["executive"])
    start = (timezone.localdate() - timedelta(days=10)).isoformat()
    partial = client.get(reverse("reports:dashboard"), {"start": start, "platform": "douyin"},
                         headers={"HX-Request": "true", "HX-Target": "dashboard-body"}).content.decode()
    saved = re.search(r'<input type="hidden" name="query" value="([^"]*)" id="saved-view-query" '
                      r'hx-swap-oob="true">', partial)
    assert saved and f"start={start}" in saved.group(1) and "platform=douyin" in saved.group(1)


def test_filter_forms_are_submitted_by_enter_through_htmx_with_the_url_following(client, alliance):
    client.force_login(alliance["am_a"])
    inbox = client.get(reverse("feedback:inbox")).content.decode()
    form = re.search(r'<form class="filters"[^>]*>', inbox).group(0)
    assert "submit" in re.search(r'hx-trigger="([^"]*)"', form).group(1) and 'hx-push-url="true"' in form
    client.force_login(alliance["executive"])
    dashboard = client.get(reverse("reports:dashboard")).content.decode()
    form = re.search(r'<form method="get" class="filters report-filters"[^>]*>', dashboard).group(0)
    assert "submit" in re.search(r'hx-trigger="([^"]*)"', form).group(1) and 'hx-push-url="true"' in form
