"""Periods people name, the period each is compared with, and a change column on every row."""

from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone

from campaigns.models import DailyPerformance
from reports.presets import preset_range, previous_range, year_earlier
from reports.rollups import rebuild_all

pytestmark = pytest.mark.django_db
TODAY = date(2026, 12, 1)


@pytest.mark.parametrize(("code", "expected"), [
    ("last_7", (date(2026, 11, 25), TODAY)), ("last_30", (date(2026, 11, 2), TODAY)),
    ("last_90", (date(2026, 9, 3), TODAY)), ("this_month", (date(2026, 12, 1), TODAY)),
    ("last_month", (date(2026, 11, 1), date(2026, 11, 30))), ("this_quarter", (date(2026, 10, 1), TODAY)),
    ("last_quarter", (date(2026, 7, 1), date(2026, 9, 30))), ("ytd", (date(2026, 1, 1), TODAY)),
])
def test_presets_name_the_periods_executives_ask_for(code, expected):
    assert preset_range(code, TODAY) == expected


def test_a_whole_month_or_quarter_is_compared_with_the_whole_one_before():
    assert previous_range(date(2026, 11, 1), date(2026, 11, 30)) == (date(2026, 10, 1), date(2026, 10, 31))
    assert previous_range(date(2026, 7, 1), date(2026, 9, 30)) == (date(2026, 4, 1), date(2026, 6, 30))
    assert previous_range(date(2026, 11, 5), date(2026, 11, 14)) == (date(2026, 10, 26), date(2026, 11, 4))
    assert year_earlier(date(2028, 2, 29)) == date(2027, 2, 28)


def add(campaign, publisher, day, spend, revenue, platform="douyin"):
    DailyPerformance.objects.create(campaign=campaign, publisher=publisher, platform=platform, day=day,
                                    impressions=100, clicks=5, conversions=1,
                                    spend=Decimal(spend), revenue=Decimal(revenue))


@pytest.fixture
def two_years(alliance):
    yesterday = timezone.localdate() - timedelta(days=1)
    add(alliance["campaign_a"], alliance["publisher"], yesterday, "200", "500")
    add(alliance["campaign_a"], alliance["publisher"], year_earlier(yesterday), "100", "150")
    add(alliance["campaign_a"], alliance["publisher"], yesterday - timedelta(days=7), "50", "50")
    rebuild_all()
    return {**alliance, "yesterday": yesterday}


def test_compare_with_the_same_period_last_year(client, two_years):
    client.force_login(two_years["executive"])
    yesterday = two_years["yesterday"]
    response = client.get(reverse("reports:dashboard"), {"period": "last_7", "compare": "last_year"})
    data = response.context["data"]
    assert data["previous"].start == year_earlier(timezone.localdate() - timedelta(days=6))
    spend = data["headline"][0]
    assert spend["value"] == Decimal("200") and spend["previous"] == Decimal("100") and spend["change"] == 1
    [row] = data["by_campaign"]
    assert row["spend_change"] == 1 and row["roi_change"] == Decimal("150") - Decimal("50")
    page = response.content.decode()
    assert f'value="{year_earlier(yesterday - timedelta(days=5)):%Y-%m-%d}"' in page  # applied, shown
    assert "+100.0 pp" in page


def test_the_applied_period_is_always_in_the_form(client, two_years):
    client.force_login(two_years["executive"])
    today = timezone.localdate()
    page = client.get(reverse("reports:dashboard"), {"period": "last_30"}).content.decode()
    assert f'name="start" value="{today - timedelta(days=29):%Y-%m-%d}"' in page
    assert f'name="end" value="{today:%Y-%m-%d}"' in page
    page = client.get(reverse("reports:dashboard")).content.decode()
    assert f'name="start" value="{today - timedelta(days=89):%Y-%m-%d}"' in page


def test_custom_comparison_and_its_errors(client, two_years):
    client.force_login(two_years["executive"])
    yesterday = two_years["yesterday"]
    response = client.get(reverse("reports:dashboard"), {
        "start": yesterday, "end": yesterday, "compare": "custom",
        "compare_start": yesterday - timedelta(days=7), "compare_end": yesterday - timedelta(days=7)})
    assert response.context["data"]["headline"][0]["previous"] == Decimal("50")
    response = client.get(reverse("reports:dashboard"), {"compare": "custom"})
    assert "Give both dates of the period to compare with." in response.content.decode()
