import csv
import io
from datetime import datetime, time, timedelta
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone

from campaigns.models import KpiTarget, Milestone
from crisis.models import Incident
from reports.account_report import ReportPeriod, account_report, executive_report, milestone_outcome
from reports.models import Rollup
from tests.campaigns.factories import MilestoneFactory
from tests.feedback.factories import FeedbackFactory
from tests.reports.report_data import seed_two_months

pytestmark = pytest.mark.django_db


@pytest.fixture
def reported(alliance):
    today = timezone.localdate()
    alliance["period"] = seed_two_months(alliance, today)
    return alliance


def rollup_spend(**filters):
    return sum(row.spend for row in Rollup.objects.filter(period="day", **filters))


def test_account_report_numbers_equal_the_rollup_sums(reported):
    period = reported["period"]
    report = account_report(reported["am_a"], reported["adv_a"].pk, period)
    days = (period.end - period.start).days + 1
    expected = rollup_spend(grain="advertiser", advertiser=reported["adv_a"],
                            period_start__range=(period.start, period.end))
    assert report["performance"]["sums"]["spend"] == expected == Decimal("100.00") * days
    assert report["performance"]["sums"]["revenue"] == Decimal("250.00") * days
    assert report["performance"]["kpis"]["roi"] == Decimal("150")
    spend = {line["code"]: line for line in report["performance"]["lines"]}["spend"]
    before = period.previous()
    assert spend["previous"] == Decimal("100.00") * ((before.end - before.start).days + 1)


def test_weekly_report_covers_one_iso_week(reported):
    week = ReportPeriod.containing("week", reported["period"].start + timedelta(days=10))
    report = account_report(reported["am_a"], reported["adv_a"].pk, week)
    assert week.start.weekday() == 0 and week.end == week.start + timedelta(days=6)
    assert report["performance"]["sums"]["spend"] == Decimal("700.00")


def test_publisher_report_only_counts_advertisers_the_reader_may_see(reported):
    period = reported["period"]
    days = (period.end - period.start).days + 1
    mine = account_report(reported["am_a"], reported["publisher"].pk, period)
    everything = account_report(reported["admin"], reported["publisher"].pk, period)
    assert mine["performance"]["sums"]["spend"] == Decimal("100.00") * days
    assert everything["performance"]["sums"]["spend"] == Decimal("140.00") * days
    assert [row["label"] for row in mine["partners"]] == ["Advertiser A"]


def test_milestones_hit_and_missed_are_counted_by_due_date(reported):
    period, campaign = reported["period"], reported["campaign_a"]
    due = period.start + timedelta(days=5)

    def finished(days_after_due):
        return timezone.make_aware(datetime.combine(due + timedelta(days=days_after_due), time(12)))

    on_time = MilestoneFactory(campaign=campaign, due_on=due, status="done", completed_at=finished(0))
    late = MilestoneFactory(campaign=campaign, due_on=due, status="done", completed_at=finished(3))
    never = MilestoneFactory(campaign=campaign, due_on=due, status="in_progress")
    MilestoneFactory(campaign=campaign, due_on=period.end + timedelta(days=3))  # next period
    summary = account_report(reported["am_a"], reported["adv_a"].pk, period)["milestones"]
    assert summary["hit"] == [on_time]
    assert set(summary["missed"]) == {late, never}
    assert summary["due"] == 3


def test_an_open_milestone_not_yet_due_is_neither_hit_nor_missed():
    today = timezone.localdate()
    assert milestone_outcome(Milestone(status="in_progress", due_on=today + timedelta(days=1)), today) == "open"
    assert milestone_outcome(Milestone(status="blocked", due_on=today - timedelta(days=1)), today) == "missed"


def test_report_shows_kpi_targets_feedback_and_incidents(client, reported):
    period = reported["period"]
    KpiTarget.objects.create(campaign=reported["campaign_a"], kpi="roi", target=Decimal("200"),
                             at_risk_threshold=Decimal("120"))
    in_period = timezone.make_aware(datetime.combine(period.start + timedelta(days=2), time(10)))
    FeedbackFactory(account=reported["adv_a"], received_at=in_period, nps=10)
    FeedbackFactory(account=reported["adv_a"], received_at=in_period - timedelta(days=60))
    incident = Incident.objects.create(title="Late creative", owner=reported["am_a"], opened_by=reported["am_a"],
                                       detected_at=in_period)
    incident.accounts.add(reported["adv_a"])
    client.force_login(reported["am_a"])
    response = client.get(reverse("reports:account_report", args=[reported["adv_a"].pk]),
                          {"period": "month", "day": period.start})
    report = response.context["report"]
    assert report["campaigns"][0]["targets"][0]["status"] == "at_risk"  # ROI 1.5 between 1.2 and 2
    assert report["feedback"]["count"] == 1 and report["feedback"]["nps"] == 100
    assert report["incidents"]["incidents"] == [incident] and report["incidents"]["new"] == 1
    page = response.content.decode()
    assert "Late creative" in page and "@media print" not in page and "report_print.css" in page


def test_executive_report_sums_the_whole_alliance(reported):
    period = reported["period"]
    days = (period.end - period.start).days + 1
    report = executive_report(reported["executive"], period)
    assert report["performance"]["sums"]["spend"] == Decimal("140.00") * days
    assert {row["label"] for row in report["partners"]} == {"Advertiser A", "Advertiser B"}


def test_csv_and_xlsx_downloads_escape_formula_cells(client, reported):
    from openpyxl import load_workbook

    reported["adv_a"].name = "=HYPERLINK(\"http://evil\")"
    reported["adv_a"].save()
    client.force_login(reported["am_a"])
    params = {"period": "month", "day": reported["period"].start}
    url = reverse("reports:account_report_export", args=[reported["adv_a"].pk, "csv"])
    text = client.get(url, params).content.decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(text)))
    assert ["Report", "Account", "'=HYPERLINK(\"http://evil\")", "", "", ""] in rows
    assert not any(cell.startswith("=") for row in rows for cell in row)
    url = reverse("reports:account_report_export", args=[reported["adv_a"].pk, "xlsx"])
    sheet = load_workbook(io.BytesIO(client.get(url, params).content)).active
    cells = [cell.value for row in sheet.iter_rows() for cell in row if isinstance(cell.value, str)]
    assert "'=HYPERLINK(\"http://evil\")" in cells and not any(c.startswith("=") for c in cells)


def test_report_queries_do_not_grow_with_campaigns_and_milestones(client, reported, django_assert_max_num_queries):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from tests.factories import CampaignFactory

    url = reverse("reports:account_report", args=[reported["adv_a"].pk])
    client.force_login(reported["am_a"])
    with CaptureQueriesContext(connection) as first:
        client.get(url)
    for n in range(4):
        campaign = CampaignFactory(advertiser=reported["adv_a"], project_lead=reported["lead_a"],
                                   account_manager=reported["am_a"], name=f"Extra {n}")
        KpiTarget.objects.create(campaign=campaign, kpi="ctr", target=Decimal("1"), at_risk_threshold=Decimal("0.5"))
        MilestoneFactory(campaign=campaign, due_on=reported["period"].start + timedelta(days=n))
    with django_assert_max_num_queries(len(first)):
        client.get(url)
