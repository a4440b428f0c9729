"""Follower growth over the chosen period on the ROI dashboard and in the reports: read from the
daily follower counts, within the reader's visibility and the dashboard's filters, never a guess."""

from datetime import date

import pytest
from django.urls import reverse

from social.models import FollowerCount
from social.period_growth import growth_in_period

pytestmark = pytest.mark.django_db

START, END = date(2026, 11, 1), date(2026, 11, 30)


def _counts(profile, *pairs):
    for day, followers in pairs:
        FollowerCount.objects.create(profile=profile, day=day, followers=followers)


def test_the_change_is_from_the_eve_of_the_period_to_its_last_count(brand):
    _counts(brand["douyin"], (date(2026, 10, 25), 9_000), (date(2026, 10, 31), 10_000),
            (date(2026, 11, 15), 10_800), (date(2026, 11, 30), 11_500), (date(2026, 12, 1), 99_999))
    [row] = growth_in_period([brand["douyin"]], START, END)
    assert (row.at_start, row.at_end, row.change) == (10_000, 11_500, 1_500)
    assert row.percent == pytest.approx(15.0)


def test_a_side_without_a_count_is_unknown_not_zero(brand):
    _counts(brand["weibo"], (date(2026, 11, 20), 5_000))
    [row] = growth_in_period([brand["weibo"]], START, END)
    assert (row.at_start, row.at_end, row.change, row.percent) == (None, 5_000, None, None)


def test_the_dashboard_shows_visible_profiles_and_follows_its_filters(brand, client_for):
    _counts(brand["douyin"], (date(2026, 10, 31), 10_000), (date(2026, 11, 30), 11_500))
    _counts(brand["secret_profile"], (date(2026, 10, 31), 1), (date(2026, 11, 30), 2))
    url = reverse("reports:dashboard") + "?start=2026-11-01&end=2026-11-30"
    page = client_for(brand["analyst"]).get(url).content.decode()
    assert f'data-profile="{brand["douyin"].pk}"' in page and "+1500 (15.0 %)" in page
    assert f'data-profile="{brand["secret_profile"].pk}"' not in page  # a confidential advertiser's
    narrowed = client_for(brand["executive"]).get(url + f"&advertiser={brand['adv_b'].pk}").content.decode()
    assert f'data-profile="{brand["other"].pk}"' in narrowed
    assert f'data-profile="{brand["douyin"].pk}"' not in narrowed
    by_platform = client_for(brand["executive"]).get(url + "&platform=weibo").content.decode()
    assert f'data-profile="{brand["weibo"].pk}"' in by_platform
    assert f'data-profile="{brand["douyin"].pk}"' not in by_platform


def test_the_account_report_shows_the_advertisers_own_profiles(brand, client_for):
    _counts(brand["douyin"], (date(2026, 10, 31), 10_000), (date(2026, 11, 30), 11_500))
    url = reverse("reports:account_report", args=[brand["adv_a"].pk]) + "?period=month&day=2026-11-15"
    page = client_for(brand["am_a"]).get(url).content.decode()
    assert 'id="follower-growth"' in page and "+1500 (15.0 %)" in page
    assert f'data-profile="{brand["other"].pk}"' not in page
