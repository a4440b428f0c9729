"""The three real-shaped platform exports in samples/ import cleanly and exactly once."""

from datetime import date
from decimal import Decimal

import pytest

from campaigns.models import DailyPerformance
from imports.models import ImportJob, SourceMapping
from reports.selectors import campaign_sums
from tests.imports.factories import campaigns_named

pytestmark = pytest.mark.django_db


def test_meta_export_with_bom_and_summary_line_imports_every_day(alliance, sample, run_import):
    campaigns = campaigns_named(alliance["lead_a"], alliance["adv_a"], "Autumn Launch - Skincare",
                                "Brand Awareness Q4", "Singles Day Push")
    _response, job = run_import(alliance["lead_a"], sample("meta_ads_export.csv"), source="Meta Ads",
                                mapping={"publisher": alliance["publisher"].pk, "platform": "meta"})
    assert job.status == ImportJob.Status.DONE, job.report
    assert job.errors == [] and [s["line"] for s in job.skipped] == [2]
    assert job.total_rows == 43  # lines below the header, counted despite the byte-order mark
    assert (job.inserted, job.updated, job.good_rows) == (42, 0, 42)
    fact = DailyPerformance.objects.get(campaign=campaigns["Autumn Launch - Skincare"], day=date(2026, 10, 1))
    assert (fact.reach, fact.impressions, fact.clicks, fact.conversions, fact.spend) == (
        49142, 62445, 719, 16, Decimal("3133.14"))
    assert fact.platform == "meta" and fact.publisher == alliance["publisher"]
    total_spend = sum(f.spend for f in DailyPerformance.objects.all())
    assert total_spend == Decimal("98471.00")  # equals the export's own summary line


def test_gb18030_oceanengine_export_with_currency_percent_and_totals(alliance, sample, run_import):
    campaigns = campaigns_named(alliance["lead_a"], alliance["adv_a"], "双十一美妆种草", "新品上市-短视频")
    _response, job = run_import(alliance["lead_a"], sample("oceanengine_export_gb18030.csv"),
                                source="巨量引擎", mapping={"publisher": alliance["publisher"].pk,
                                                          "platform": "douyin"})
    assert job.status == ImportJob.Status.DONE, job.report
    assert job.columns["spend"] == "消耗(元)" and job.columns["follows"] == "新增粉丝数"
    assert job.good_rows == 28 and [s["line"] for s in job.skipped] == [30]
    fact = DailyPerformance.objects.get(campaign=campaigns["双十一美妆种草"], day=date(2026, 10, 1))
    assert (fact.impressions, fact.clicks, fact.spend, fact.likes, fact.follows) == (
        143596, 3305, Decimal("3843.75"), 3342, 761)
    sums = campaign_sums([fact.campaign_id], date(2026, 10, 1), date(2026, 10, 14))[fact.campaign_id]
    assert sums["impressions"] == sum(
        DailyPerformance.objects.filter(campaign=fact.campaign).values_list("impressions", flat=True))


def test_google_report_with_title_lines_and_total_line(alliance, sample, run_import):
    campaigns_named(alliance["lead_a"], alliance["adv_a"], "Search - Brand", "Display - Remarketing")
    _response, job = run_import(alliance["lead_a"], sample("google_ads_report.csv"), source="Google Ads",
                                mapping={"publisher": alliance["publisher"].pk, "platform": "google"})
    assert job.header_line == 3
    assert job.status == ImportJob.Status.DONE, job.report
    assert job.good_rows == 28 and [s["line"] for s in job.skipped] == [32]
    fact = DailyPerformance.objects.get(campaign__name="Search - Brand", day=date(2026, 10, 1))
    assert (fact.impressions, fact.spend, fact.revenue, fact.conversions) == (
        14229, Decimal("991.65"), Decimal("1355.81"), 15)  # 14.87 attributed conversions round to 15


def test_mapping_is_remembered_per_source(alliance, sample, run_import):
    campaigns_named(alliance["lead_a"], alliance["adv_a"], "Search - Brand", "Display - Remarketing")
    data = sample("google_ads_report.csv")
    run_import(alliance["lead_a"], data, source="Google Ads", mode=None,
               mapping={"publisher": alliance["publisher"].pk, "platform": "google", "column_reach": "Clicks",
                        "column_clicks": ""})
    source = SourceMapping.objects.get(name="Google Ads")
    assert source.columns["reach"] == "Clicks" and source.platform == "google"
    _response, second = run_import(alliance["lead_a"], data.replace(b"Campaign report", b"Report 2"),
                                   source="Google Ads", mode=None)
    assert second.columns["reach"] == "Clicks" and second.platform == "google"
    assert second.publisher == alliance["publisher"]
