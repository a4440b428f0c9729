"""Project lead imports a Meta export whose campaign names are the platform's, not the CRM's: maps
each platform campaign once (the CRM suggests the right one), imports, and next week's file from
the same source goes through with no question; a corrected re-export, ticked to import straight
away, goes through in one step. On a phone-sized screen."""

from pathlib import Path

import pytest

from campaigns.models import DailyPerformance
from imports.models import ImportJob
from tests.factories import TEST_PASSWORD, AccountFactory, CampaignFactory, UserFactory

META_EXPORT = Path(__file__).parents[1] / "imports" / "samples" / "meta_ads_export.csv"
CRM_FOR_PLATFORM = {"Autumn Launch - Skincare": "Skincare Autumn Launch 2026",
                    "Brand Awareness Q4": "Q4 Brand Awareness", "Singles Day Push": "Singles Day (11.11) Push"}


def upload(page, live_server, path, source):
    page.goto(f"{live_server.url}/imports/new/")
    page.set_input_files("#id_file", str(path))
    page.fill("#id_source", source)
    page.get_by_role("button", name="Upload and map columns").click()
    page.wait_for_url("**/mapping/")


def check_rows(page):
    page.get_by_role("button", name="Check the rows").click()
    page.locator("#import-status").wait_for()


def import_whole_file(page):
    extend = page.get_by_label("Import them and extend the campaign's dates to cover them")
    if extend.count():  # the sample's days precede the test campaigns' start on most days of the year
        extend.check()
    page.get_by_role("button", name="Import the whole file").click()
    page.locator("#import-status .status.done").wait_for()


@pytest.mark.django_db(transaction=True)
def test_meta_campaigns_are_mapped_once_and_next_weeks_file_asks_nothing(sign_in, page, live_server,
                                                                        console_errors, tmp_path, settings):
    settings.MEDIA_ROOT = tmp_path / "media"
    lead = UserFactory(username="lina", role="project_lead")
    brand = AccountFactory(name="Glow Cosmetics")
    for name in (*CRM_FOR_PLATFORM.values(), "Autumn Launch - Haircare"):
        CampaignFactory(name=name, advertiser=brand, project_lead=lead)
    AccountFactory(side="publisher", kind="media", name="Meta Ads Manager")
    page.set_viewport_size({"width": 390, "height": 844})
    sign_in("lina", TEST_PASSWORD)

    # Week 1: upload, choose the publisher and platform for every row, check.
    upload(page, live_server, META_EXPORT, "Meta Ads (Glow)")
    page.select_option("#id_publisher", label="Meta Ads Manager")
    page.select_option("#id_platform", "meta")
    check_rows(page)
    assert "3 platform campaigns" in page.locator("#import-status").inner_text()

    # The mapping step: three questions for 42 rows, each with the right CRM campaign suggested.
    page.get_by_role("link", name="Map them to CRM campaigns").click()
    choices = page.locator(".name-choice")
    assert choices.count() == 3
    for index in range(3):
        choice = choices.nth(index)
        platform_name = choice.locator("label strong").inner_text()
        assert "14 rows" in choice.inner_text()
        chosen = choice.locator("select option:checked").inner_text()
        assert chosen == CRM_FOR_PLATFORM[platform_name], platform_name
    assert page.evaluate("document.scrollingElement.scrollWidth") <= 390
    page.get_by_role("button", name="Confirm and check the rows").click()
    page.locator("#import-status .status.validated").wait_for()
    import_whole_file(page)
    assert DailyPerformance.objects.count() == 42

    # Week 2: the next export from the same source: no mapping question at all.
    next_week = tmp_path / "meta_ads_export_next.csv"
    next_week.write_bytes(META_EXPORT.read_bytes().replace(b"2026-10-", b"2026-11-"))
    upload(page, live_server, next_week, "Meta Ads (Glow)")
    assert page.locator("#id_publisher option:checked").inner_text() == "Meta Ads Manager"
    check_rows(page)
    assert page.locator("#import-status .status.validated").is_visible()
    assert page.get_by_role("link", name="Map them to CRM campaigns").count() == 0
    import_whole_file(page)
    assert DailyPerformance.objects.count() == 84
    assert ImportJob.objects.filter(status=ImportJob.Status.DONE).count() == 2

    # Week 3: Meta corrects week 1's spend; ticked "import straight away", the clean file is
    # imported in one step: no report to confirm, the corrected day replaced, nothing doubled.
    corrected = tmp_path / "meta_ads_export_corrected.csv"
    corrected.write_bytes(META_EXPORT.read_bytes().replace(b"3133.14", b"3200.00"))
    upload(page, live_server, corrected, "Meta Ads (Glow)")
    page.get_by_label("Import straight away when every row is good").check()
    check_rows(page)
    page.locator("#import-status .status.done").wait_for()
    assert page.get_by_role("button", name="Import the whole file").count() == 0
    assert DailyPerformance.objects.count() == 84
    assert str(DailyPerformance.objects.get(day="2026-10-01", campaign__name="Skincare Autumn Launch 2026").spend) \
        == "3200.00"
    job = ImportJob.objects.latest("pk")
    assert (job.status, job.inserted, job.updated) == (ImportJob.Status.DONE, 0, 1)
    assert console_errors == []
