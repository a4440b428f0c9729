"""Facts dated outside their campaign's start..end: flagged on the dashboard and the campaign
page, which read the same window; the import can reject them or extend the campaign."""

from datetime import timedelta
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied
from django.urls import reverse
from django.utils import timezone

from audit.models import AuditEntry
from campaigns.fact_window import days_outside, extend_to_cover
from campaigns.models import DailyPerformance
from reports.rollups import rebuild_all

pytestmark = pytest.mark.django_db


@pytest.fixture
def early_facts(alliance):
    """Campaign A runs from 30 days ago; two facts are dated 40 and 41 days ago, one inside."""
    campaign = alliance["campaign_a"]
    today = timezone.localdate()
    for back in (40, 41, 5):
        DailyPerformance.objects.create(campaign=campaign, publisher=alliance["publisher"], platform="douyin",
                                        day=today - timedelta(days=back), impressions=100, clicks=1,
                                        conversions=1, spend=Decimal("100"), revenue=Decimal("300"))
    rebuild_all()
    return alliance


def test_dashboard_flags_days_outside_the_campaign_dates(client, early_facts):
    client.force_login(early_facts["executive"])
    response = client.get(reverse("reports:dashboard"), {"period": "last_90"})
    data = response.context["data"]
    [row] = data["by_campaign"]
    assert row["outside_days"] == 2 and row["spend"] == Decimal("300")
    today = timezone.localdate()
    [flag] = data["outside_dates"]
    assert flag["ranges"] == [(today - timedelta(days=41), today - timedelta(days=40))]
    page = response.content.decode()
    assert "outside its campaign&#x27;s start and end" in page or "outside its campaign's start and end" in page
    assert "2 days outside its dates" in page


def test_campaign_page_says_why_its_run_total_differs(client, early_facts):
    client.force_login(early_facts["lead_a"])
    page = client.get(early_facts["campaign_a"].get_absolute_url()).content.decode()
    assert "start and end" in page and "100.00" in page  # only the fact inside the run
    today = timezone.localdate()
    assert f"{today - timedelta(days=41):%Y-%m-%d} – {today - timedelta(days=40):%Y-%m-%d}" in page


def test_the_same_period_reads_the_same_numbers_on_both_pages(client, early_facts):
    client.force_login(early_facts["admin"])
    data = client.get(reverse("reports:dashboard"), {"period": "last_90"}).context["data"]
    page = client.get(early_facts["campaign_a"].get_absolute_url(), {"period": "last_90"}).content.decode()
    assert data["headline"][0]["value"] == Decimal("300") and "300.00" in page


def test_import_can_extend_the_campaign_to_cover_its_facts(early_facts):
    campaign = early_facts["campaign_a"]
    today = timezone.localdate()
    days = [today - timedelta(days=41), today - timedelta(days=5)]
    assert days_outside(campaign, days) == [today - timedelta(days=41)]
    with pytest.raises(PermissionDenied):
        extend_to_cover(actor=early_facts["analyst"], campaign=campaign, days=days)
    extend_to_cover(actor=early_facts["lead_a"], campaign=campaign, days=days)
    campaign.refresh_from_db()
    assert campaign.start_on == today - timedelta(days=41) and days_outside(campaign, days) == []
    assert AuditEntry.objects.filter(action="campaigns.campaign.extended_to_facts").exists()


def test_account_and_executive_reports_flag_the_same_days(client, early_facts):
    import csv
    import io

    early = timezone.localdate() - timedelta(days=40)
    params = {"period": "month", "day": early.isoformat()}
    client.force_login(early_facts["executive"])
    campaign = early_facts["campaign_a"]
    for url in (reverse("reports:account_report", args=[early_facts["adv_a"].pk]), reverse("reports:executive_report")):
        response = client.get(url, params)
        [flag] = response.context["report"]["outside_dates"]
        assert flag["campaign"] == campaign.name and any(first <= early <= last for first, last in flag["ranges"])
        assert "outside its campaign" in response.content.decode()
    report = client.get(reverse("reports:account_report", args=[early_facts["adv_a"].pk]), params).context["report"]
    [row] = [row for row in report["campaigns"] if row["campaign"] == campaign]
    assert row["outside_days"] >= 1
    export = client.get(reverse("reports:account_report_export", args=[early_facts["adv_a"].pk, "csv"]), params)
    rows = list(csv.reader(io.StringIO(export.content.decode("utf-8-sig"))))
    [flagged] = [r for r in rows if r[0] == "Data outside campaign dates"]
    assert flagged[1] == campaign.name and early.isoformat() in flagged[2]
