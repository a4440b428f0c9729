"""The campaign list: visible campaigns with their projection, filtered and sorted by health."""

from datetime import date

from campaigns.models import Campaign
from campaigns.projection import HEALTH_RANK, Health, attach_projections
from campaigns.selectors import campaigns_visible_to

NO_FORECAST = len(HEALTH_RANK)  # campaigns without a projection sort after every health
SORTS = {
    "launch": lambda c: c.launch_on,
    "name": lambda c: c.name.lower(),
    "health": lambda c: HEALTH_RANK[c.projection.health] if c.projection else NO_FORECAST,
    "projected": lambda c: c.projection.projected_launch_on if c.projection else date.max,
    "overdue": lambda c: len(c.projection.overdue) if c.projection else -1,
}
DEFAULT_SORT = "-launch"


def normal_sort(value):
    """A `?sort=` value such as "health" or "-launch" (descending); the default for anything else."""
    return value if value.lstrip("-") in SORTS else DEFAULT_SORT


def campaign_rows(user, *, status="", health="", sort=DEFAULT_SORT):
    campaigns = campaigns_visible_to(user).filter(archived_at__isnull=True)
    if status in Campaign.Status.values:
        campaigns = campaigns.filter(status=status)
    rows = attach_projections(campaigns.select_related("advertiser", "project_lead"))
    if health in Health.values:
        rows = [c for c in rows if c.projection and c.projection.health == health]
    sort = normal_sort(sort)
    rows.sort(key=lambda c: c.name.lower())
    rows.sort(key=SORTS[sort.lstrip("-")], reverse=sort.startswith("-"))
    return rows
