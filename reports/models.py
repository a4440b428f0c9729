from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from accounts.models import Account
from socialcrm import currencies

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
    | detail     | advertiser, campaign, publisher, platform |

    The detail grain lets the dashboard narrow to one campaign and still split it by publisher
    and platform (and rank campaigns within a platform or publisher).
    """

    class Grain(models.TextChoices):
        CAMPAIGN = "campaign", _("Campaign")
        ADVERTISER = "advertiser", _("Advertiser")
        PUBLISHER = "publisher", _("Publisher")
        PLATFORM = "platform", _("Platform")
        DETAIL = "detail", _("Campaign by publisher and platform")

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
    # Facts whose spend and revenue could not be converted into the reporting currency (no rate
    # for their currency and day): left out of spend and revenue, counted here, reported.
    unconverted = models.BigIntegerField(default=0)
    # The campaign grain also keeps money in the campaign's own currency: its budget and its KPI
    # targets are in that currency. Zero in the other grains, which mix currencies.
    native_spend = models.DecimalField(max_digits=18, decimal_places=2, default=0)
    native_revenue = models.DecimalField(max_digits=18, decimal_places=2, default=0)

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
        indexes = [
            models.Index(fields=["period", "period_start"], name="rollup_by_period"),
            models.Index(fields=["grain", "period", "period_start"], name="rollup_unconverted",
                         condition=models.Q(unconverted__gt=0)),
        ]
        verbose_name = _("rollup")
        verbose_name_plural = _("rollups")

    def __str__(self):
        return f"{self.grain}/{self.period}/{self.period_start}/{self.advertiser_id}"


class SavedView(models.Model):
    """A dashboard filter set a user named, opened again from home."""

    owner = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="saved_views")
    name = models.CharField(_("name"), max_length=80)
    query = models.CharField(max_length=1000, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["name"]
        constraints = [models.UniqueConstraint(fields=["owner", "name"], name="one_saved_view_name_per_user")]
        verbose_name = _("saved view")
        verbose_name_plural = _("saved views")

    def __str__(self):
        return self.name


class ReportingCurrency(models.Model):
    """The one currency every alliance-wide total is shown in (a single row, pk=1)."""

    currency = models.CharField(_("reporting currency"), max_length=3, choices=currencies.CHOICES,
                                default=currencies.DEFAULT_CURRENCY)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("reporting currency")
        verbose_name_plural = _("reporting currency")

    def __str__(self):
        return self.currency


class ExchangeRate(models.Model):
    """On `day`, one unit of `currency` was worth `rate` units of `quote` (the reporting
    currency when it was entered). Only the exact day's rate converts that day's facts."""

    day = models.DateField(_("day"))
    currency = models.CharField(_("currency"), max_length=3, choices=currencies.CHOICES)
    quote = models.CharField(_("in"), max_length=3, choices=currencies.CHOICES)
    rate = models.DecimalField(_("rate"), max_digits=18, decimal_places=8)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-day", "currency"]
        constraints = [
            models.UniqueConstraint(fields=["currency", "quote", "day"], name="one_rate_per_currency_day"),
            models.CheckConstraint(condition=models.Q(rate__gt=0), name="exchange_rate_positive"),
        ]
        verbose_name = _("exchange rate")
        verbose_name_plural = _("exchange rates")

    def __str__(self):
        return f"{self.day} 1 {self.currency} = {self.rate} {self.quote}"


class ReportSchedule(models.Model):
    """A standing order: email this report to this person after every complete period.

    Never deleted: a schedule is deactivated, so its send history keeps pointing at it.
    """

    class Kind(models.TextChoices):
        ACCOUNT_MONTHLY = "account_monthly", _("Monthly account report")
        ACCOUNT_WEEKLY = "account_weekly", _("Weekly account report")
        EXECUTIVE_MONTHLY = "executive_monthly", _("Executive monthly report")

    class Format(models.TextChoices):
        XLSX = "xlsx", _("Excel (XLSX)")
        CSV = "csv", _("CSV")

    ACCOUNT_KINDS = (Kind.ACCOUNT_MONTHLY, Kind.ACCOUNT_WEEKLY)

    recipient = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT,
                                  related_name="report_schedules", verbose_name=_("recipient"))
    kind = models.CharField(_("report"), max_length=20, choices=Kind)
    account = models.ForeignKey(Account, on_delete=models.PROTECT, null=True, blank=True,
                                related_name="report_schedules", verbose_name=_("account"))
    format = models.CharField(_("attachment"), max_length=4, choices=Format, default=Format.XLSX)
    is_active = models.BooleanField(_("active"), default=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT,
                                   related_name="+", verbose_name=_("created by"))
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["recipient", "kind", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=(models.Q(kind__in=["account_monthly", "account_weekly"], account__isnull=False)
                           | models.Q(kind="executive_monthly", account__isnull=True)),
                name="report_schedule_account_matches_kind",
            ),
        ]
        verbose_name = _("report schedule")
        verbose_name_plural = _("report schedules")

    def __str__(self):
        target = f" · {self.account}" if self.account_id else ""
        return f"{self.get_kind_display()}{target} → {self.recipient}"

    @property
    def is_account_report(self):
        return self.kind in self.ACCOUNT_KINDS

    @property
    def period(self):
        return "week" if self.kind == self.Kind.ACCOUNT_WEEKLY else "month"


class SentReport(models.Model):
    """One period of one schedule: sent, skipped or failed. The row is claimed before sending,
    so the unique (schedule, period_start) key makes a second beat run send nothing."""

    class Status(models.TextChoices):
        SENDING = "sending", _("Sending")
        SENT = "sent", _("Sent")
        SKIPPED = "skipped", _("Skipped")
        FAILED = "failed", _("Failed")

    schedule = models.ForeignKey(ReportSchedule, on_delete=models.PROTECT, related_name="sent_reports")
    recipient = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    email = models.EmailField(_("sent to"), blank=True)
    period_start = models.DateField(_("period start"))
    period_end = models.DateField(_("period end"))
    status = models.CharField(_("status"), max_length=10, choices=Status, default=Status.SENDING)
    detail = models.CharField(_("detail"), max_length=300, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    sent_at = models.DateTimeField(_("sent"), null=True, blank=True)

    class Meta:
        ordering = ["-period_start", "-pk"]
        constraints = [
            models.UniqueConstraint(fields=["schedule", "period_start"], name="one_report_per_schedule_period"),
        ]
        verbose_name = _("sent report")
        verbose_name_plural = _("sent reports")

    def __str__(self):
        return f"{self.schedule} · {self.period_start} · {self.status}"
