"""Readable charts: bars per week or month for long periods, the currency on money axes, the
ratio's unit on the other, numbers grouped as the reader's language groups them."""

from datetime import date
from pathlib import Path

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


def test_chart_dates_on_hover_follow_the_language():
    from campaigns.charts import timeline_figure  # noqa: F401  (every chart module uses the same helper)
    from crisis.charts import trust_trend
    from socialcrm.chart_locale import date_axis

    row = {"label": date(2026, 1, 5), "spend": 10, "revenue": 20, "roi": 100, "roas": 2, "key": "douyin"}
    with translation.override("en"):
        assert charts.trend_figure([row], "USD")["layout"]["xaxis"]["hoverformat"] == "%b %-d, %Y"
    with translation.override("zh-hans"):
        assert charts.trend_figure([row], "CNY")["layout"]["xaxis"]["hoverformat"] == "%Y年%-m月%-d日"
        assert date_axis()["hoverformat"] == "%Y年%-m月%-d日"
        trend = trust_trend([])
        assert "%{x|%Y年%-m月%-d日}" in trend["data"][0]["hovertemplate"]
        assert trend["layout"]["separators"] == ".,"


@pytest.mark.django_db
def test_the_chinese_chart_locale_is_served_from_our_static_files(client, alliance):
    from django.contrib.staticfiles import finders

    locale_file = finders.find("js/plotly-locale-zh-cn.js")
    assert locale_file is not None
    source = Path(locale_file).read_text(encoding="utf-8")
    assert 'name: "zh-CN"' in source and '"Download plot as a png": "下载为 PNG 图片"' in source
    assert "shortMonths" in source
    client.force_login(alliance["executive"])
    page = client.get("/reports/dashboard/").content.decode()
    assert page.index("vendor/plotly.min.js") < page.index("js/plotly-locale-zh-cn.js")
    assert "cdn." not in page
