"""Reach is not additive: an export row that covers a period ("Reporting starts" .. "Reporting
ends") brings the platform's reach for that period, stored as it is (campaigns.PeriodReach), never
made from daily reach and never written as a day's fact."""

from datetime import timedelta

import pytest
from django.utils import timezone

from campaigns.models import DailyPerformance, PeriodReach
from imports.models import ImportJob
from tests.factories import CampaignFactory

pytestmark = pytest.mark.django_db

TODAY = timezone.localdate()
FIRST, SECOND = TODAY - timedelta(days=20), TODAY - timedelta(days=19)
HEADER = "Reporting starts,Reporting ends,Campaign name,Reach,Impressions,Amount spent (CNY)\n"


@pytest.fixture
def alpha(alliance):
    return CampaignFactory(name="Alpha", advertiser=alliance["adv_a"], project_lead=alliance["lead_a"])


def run(run_import, alliance, text, mode="all"):
    _response, job = run_import(alliance["lead_a"], text.encode(), mode=mode,
                                mapping={"publisher": alliance["publisher"].pk, "platform": "douyin"})
    return job


def test_a_row_covering_a_period_stores_its_reach_and_no_daily_fact(alliance, alpha, run_import):
    job = run(run_import, alliance, HEADER
              + f"{FIRST},{FIRST},Alpha,1000,4000,10.00\n"
              + f"{SECOND},{SECOND},Alpha,1000,4000,10.00\n"
              + f"{FIRST},{SECOND},Alpha,1500,8000,20.00\n")
    assert job.status == ImportJob.Status.DONE and job.columns["day_end"] == "Reporting ends"
    assert sorted(DailyPerformance.objects.values_list("day", "reach")) == [(FIRST, 1000), (SECOND, 1000)]
    [reach] = PeriodReach.objects.all()
    assert (reach.campaign, reach.publisher, reach.platform) == (alpha, alliance["publisher"], "douyin")
    assert (reach.start_on, reach.end_on, reach.reach) == (FIRST, SECOND, 1500)  # not 2,000 = 1,000 + 1,000
    assert job.report["period_reach_written"] == 1 and job.good_rows == 3


def test_the_check_says_what_happens_to_a_period_row(client, alliance, alpha, run_import):
    job = run(run_import, alliance, HEADER + f"{FIRST},{SECOND},Alpha,1500,8000,20.00\n", mode=None)
    page = client.get(job.get_absolute_url()).content.decode()
    assert "1 row covers a period rather than one day" in page and "not imported as facts" in page


def test_importing_the_period_again_replaces_its_reach(alliance, alpha, run_import):
    run(run_import, alliance, HEADER + f"{FIRST},{SECOND},Alpha,1500,8000,20.00\n")
    run(run_import, alliance, HEADER + f"{FIRST},{SECOND},Alpha,1600,8000,20.00\n")
    assert list(PeriodReach.objects.values_list("reach", flat=True)) == [1600]


def test_period_reach_is_never_added_up_from_a_breakdown(alliance, alpha, run_import):
    job = run(run_import, alliance, HEADER + f"{FIRST},{SECOND},Alpha,1500,8000,20.00\n"
              + f"{FIRST},{SECOND},Alpha,700,3000,5.00\n", mode=None)
    assert job.status == ImportJob.Status.VALIDATED
    [error] = job.errors
    assert error["line"] == 3 and "cannot be added up" in error["reason"]


def test_a_period_row_without_a_reach_column_is_reported(alliance, alpha, run_import):
    header = "Reporting starts,Reporting ends,Campaign name,Impressions,Amount spent (CNY)\n"
    job = run(run_import, alliance, header + f"{FIRST},{SECOND},Alpha,8000,20.00\n"
              + f"{FIRST},{FIRST},Alpha,4000,10.00\n", mode=None)
    [error] = job.errors
    assert error["line"] == 2 and "no reach column" in error["reason"]
    assert job.good_rows == 1 and PeriodReach.objects.count() == 0


def test_a_period_that_ends_before_it_starts_is_refused(alliance, alpha, run_import):
    job = run(run_import, alliance, HEADER + f"{SECOND},{FIRST},Alpha,1500,8000,20.00\n", mode=None)
    [error] = job.errors
    assert error["column"] == "Reporting ends" and "ends before it starts" in error["reason"]
