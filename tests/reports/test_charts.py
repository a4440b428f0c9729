"""Readable charts: bars per week or month for long periods, the currency on money axes, the
ratio's unit on the other, numbers grouped as the reader's language groups them."""

from datetime import date

import pytest
from django.utils import translation

from reports import charts
from reports.dashboard import Filters, bucket_for
from reports.periods import DAY, MONTH, WEEK


@pytest.mark.parametrize(("days", "bucket"), [(7, DAY), (31, DAY), (90, WEEK), (184, WEEK), (365, MONTH)])
def test_long_periods_get_weekly_or_monthly_bars(days, bucket):
    start = date(2026, 1, 1)
    assert bucket_for(Filters(start=start, end=date.fromordinal(start.toordinal() + days - 1))) == bucket


def test_money_axis_names_the_currency_and_labels_follow_the_language():
    row = {"label": date(2026, 1, 5), "spend": 10, "revenue": 20, "roi": 100, "roas": 2, "key": "douyin"}
    with translation.override("en"):
        figure = charts.trend_figure([row], "USD")
    assert figure["layout"]["yaxis"]["title"]["text"] == "USD"
    assert figure["layout"]["yaxis2"]["title"]["text"] == "ROI %"
    assert figure["layout"]["xaxis"]["tickformat"] == "%Y-%m-%d"
    with translation.override("zh-hans"):
        figure = charts.breakdown_figure([{**row, "label": "抖音"}], "CNY")
    assert figure["data"][0]["name"] == "花费" and figure["layout"]["yaxis"]["title"]["text"] == "CNY"
    assert figure["layout"]["separators"] == ".,"


@pytest.mark.django_db
def test_chinese_pages_group_numbers_by_thousands(client, alliance):
    from datetime import timedelta
    from decimal import Decimal

    from django.utils import timezone

    from campaigns.models import DailyPerformance
    from reports.rollups import rebuild_all

    DailyPerformance.objects.create(campaign=alliance["campaign_a"], publisher=alliance["publisher"],
                                    platform="douyin", day=timezone.localdate() - timedelta(days=1),
                                    impressions=1000, clicks=10, conversions=1, spend=Decimal("1234567.00"),
                                    revenue=Decimal("2000000.00"))
    rebuild_all()
    client.force_login(alliance["executive"])
    client.cookies["django_language"] = "zh-hans"
    page = client.get("/reports/dashboard/", HTTP_ACCEPT_LANGUAGE="zh-hans").content.decode()
    assert "1,234,567.00" in page and "花费" in page
