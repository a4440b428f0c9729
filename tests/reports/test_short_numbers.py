"""Chinese headlines count in 万 and 亿; English headlines keep the full grouped number."""

from datetime import timedelta
from decimal import Decimal

import pytest
from django.template import Context, Template
from django.utils import timezone, translation

from campaigns.models import DailyPerformance
from reports.rollups import rebuild_all
from reports.templatetags.report_format import headline_value, short_number


@pytest.mark.parametrize(("value", "expected"), [
    (Decimal("1121760.17"), "112.18万"),
    (Decimal("10000"), "1万"),
    (Decimal("350000000"), "3.5亿"),
    (Decimal("123456789012"), "1,234.57亿"),
    (Decimal("-25000"), "-2.5万"),
    (Decimal("9999.99"), None),  # below 1万 the full number reads better
])
def test_chinese_short_form(value, expected):
    with translation.override("zh-hans"):
        assert short_number(value) == expected


def test_english_keeps_the_full_grouped_number():
    with translation.override("en"):
        assert short_number(Decimal("1121760.17")) is None
        assert headline_value({"code": "spend", "value": Decimal("1121760.17")}) == "1,121,760.17"
        assert Template("{% load report_format %}{{ n|short_number }}").render(Context({"n": 1234567})) == "1,234,567"
    with translation.override("zh-hans"):
        assert Template("{% load report_format %}{{ n|short_number }}").render(Context({"n": 1234567})) == "123.46万"


def test_headline_ratios_are_never_shortened():
    with translation.override("zh-hans"):
        assert headline_value({"code": "roi", "value": Decimal("25000")}) == "+25,000.0 %"
        assert headline_value({"code": "impressions", "value": 3_500_000}) == "350万"


@pytest.mark.django_db
def test_the_dashboard_headline_in_chinese_and_in_english(client, alliance):
    DailyPerformance.objects.create(campaign=alliance["campaign_a"], publisher=alliance["publisher"],
                                    platform="douyin", day=timezone.localdate() - timedelta(days=1),
                                    impressions=3_500_000, clicks=10, conversions=1,
                                    spend=Decimal("1121760.17"), revenue=Decimal("2000000.00"))
    rebuild_all()
    client.force_login(alliance["executive"])
    client.cookies["django_language"] = "zh-hans"
    page = client.get("/reports/dashboard/").content.decode()
    assert 'data-kpi="spend">112.18万</dd>' in page and 'data-kpi="revenue">200万</dd>' in page
    client.cookies["django_language"] = "en"
    page = client.get("/reports/dashboard/").content.decode()
    assert 'data-kpi="spend">1,121,760.17</dd>' in page
