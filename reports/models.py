from django.db import models
from django.utils.translation import gettext_lazy as _

from accounts.models import Account

NO_KEY = 0  # "not part of this grain's key": rollup keys avoid NULL so the unique key always matches


class Rollup(models.Model):
    """Additive sums of daily facts for one period and one key of one grain. Never rates.

    Every grain carries the advertiser, so a reader filters by who may see which advertiser
    without ever touching the fact table:

    | grain      | key                                   |
    | ---------- | ------------------------------------- |
    | campaign   | advertiser, campaign                  |
    | advertiser | advertiser                            |
    | publisher  | advertiser, publisher, platform       |
    | platform   | advertiser, platform                  |
    """

    class Grain(models.TextChoices):
        CAMPAIGN = "campaign", _("Campaign")
        ADVERTISER = "advertiser", _("Advertiser")
        PUBLISHER = "publisher", _("Publisher")
        PLATFORM = "platform", _("Platform")

    class Period(models.TextChoices):
        DAY = "day", _("Day")
        WEEK = "week", _("ISO week")
        MONTH = "month", _("Month")

    grain = models.CharField(max_length=10, choices=Grain)
    period = models.CharField(max_length=5, choices=Period)
    period_start = models.DateField()
    # Derived data, rebuilt from facts: no database constraint, which keeps bulk rebuilds cheap
    # and lets a rebuild TRUNCATE the table without waiting on deferred constraint triggers;
    # no index of its own either: the natural key and the period index serve every read.
    advertiser = models.ForeignKey(Account, on_delete=models.DO_NOTHING, db_constraint=False,
                                   db_index=False, related_name="+")
    campaign_id = models.BigIntegerField(default=NO_KEY)
    publisher_id = models.BigIntegerField(default=NO_KEY)
    platform = models.CharField(max_length=20, default="", blank=True)
    impressions = models.BigIntegerField(default=0)
    reach = models.BigIntegerField(default=0)
    clicks = models.BigIntegerField(default=0)
    conversions = models.BigIntegerField(default=0)
    spend = models.DecimalField(max_digits=18, decimal_places=2, default=0)
    revenue = models.DecimalField(max_digits=18, decimal_places=2, default=0)
    likes = models.BigIntegerField(default=0)
    comments = models.BigIntegerField(default=0)
    shares = models.BigIntegerField(default=0)
    follows = models.BigIntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["grain", "period", "period_start", "advertiser", "campaign_id",
                        "publisher_id", "platform"],
                name="rollup_natural_key",
            ),
        ]
        # Readers go through the natural key (grain first); refreshes select a period window
        # across grains.
        indexes = [models.Index(fields=["period", "period_start"], name="rollup_by_period")]
        verbose_name = _("rollup")
        verbose_name_plural = _("rollups")

    def __str__(self):
        return f"{self.grain}/{self.period}/{self.period_start}/{self.advertiser_id}"
