"""Follower growth over a chosen period, for the ROI dashboard and the account and executive
reports: each own profile's followers on the eve of the period and at its end, read from the
daily follower series (one row per profile and day, never the posts or the facts)."""

from dataclasses import dataclass
from datetime import timedelta

from social.models import FollowerCount
from socialcrm.visibility import social_profiles_visible_to

LOOKBACK_DAYS = 31  # how far before the period a count still stands for its start


@dataclass(frozen=True)
class PeriodGrowth:
    profile: object
    at_start: int | None  # followers on the eve of the period (latest count before it)
    at_end: int | None  # followers at its end (latest count inside it)

    @property
    def change(self):
        return None if self.at_start is None or self.at_end is None else self.at_end - self.at_start

    @property
    def percent(self):
        return None if self.change is None or not self.at_start else 100 * self.change / self.at_start


def own_profiles(user, *, advertiser_ids=None, platform=""):
    """The brands' own profiles (not competitors') the user may see, optionally narrowed."""
    profiles = (social_profiles_visible_to(user).filter(archived_at__isnull=True, competitor_name="")
                .select_related("account").order_by("account__name", "platform", "handle"))
    if advertiser_ids is not None:
        profiles = profiles.filter(account_id__in=advertiser_ids)
    return profiles.filter(platform=platform) if platform else profiles


def growth_in_period(profiles, start, end):
    """One PeriodGrowth per profile; a side without a count is None (shown as unknown, never 0)."""
    profiles = list(profiles)
    at_start, at_end = {}, {}
    counts = (FollowerCount.objects.filter(profile__in=profiles, day__gte=start - timedelta(days=LOOKBACK_DAYS),
                                           day__lte=end)
              .order_by("day").values_list("profile_id", "day", "followers"))
    for profile_id, day, followers in counts:
        (at_start if day < start else at_end)[profile_id] = followers  # ordered by day: the latest wins
    return [PeriodGrowth(profile, at_start.get(profile.pk), at_end.get(profile.pk)) for profile in profiles]


def follower_growth_for(user, start, end, *, advertiser_ids=None, platform=""):
    return growth_in_period(own_profiles(user, advertiser_ids=advertiser_ids, platform=platform), start, end)
