from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from accounts.models import Account, Platform
from campaigns.models import Campaign


class SourceMapping(models.Model):
    """How one source's exports (e.g. "Ocean Engine daily report") map onto fact fields.

    Remembered from the last import of that source and offered again for the next file.
    """

    name = models.CharField(_("source"), max_length=100, unique=True)
    columns = models.JSONField(_("column mapping"), default=dict, blank=True,
                               help_text=_("Fact field -> column header in the file."))
    publisher = models.ForeignKey(Account, on_delete=models.SET_NULL, null=True, blank=True,
                                  related_name="+", limit_choices_to={"side": Account.Side.PUBLISHER},
                                  verbose_name=_("default publisher"))
    platform = models.CharField(_("default platform"), max_length=20, choices=Platform, blank=True)
    import_when_clean = models.BooleanField(_("import straight away when every row is good"), default=False)
    updated_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("import source")
        verbose_name_plural = _("import sources")

    def __str__(self):
        return self.name


class ImportJob(models.Model):
    """One uploaded file on its way to the fact table, with its progress and validation report."""

    class Status(models.TextChoices):
        UPLOADED = "uploaded", _("Waiting for column mapping")
        VALIDATING = "validating", _("Checking rows")
        NAMES = "names", _("Waiting for you to map platform campaigns")
        VALIDATED = "validated", _("Checked: waiting for your decision")
        IMPORTING = "importing", _("Importing")
        DONE = "done", _("Imported")
        REFUSED = "refused", _("Refused")
        FAILED = "failed", _("Failed")

    class Mode(models.TextChoices):
        ALL_OR_NOTHING = "all", _("All rows or nothing")
        GOOD_ROWS = "good", _("Good rows only, skip the rejected ones")

    class OutsideDates(models.TextChoices):
        """What to do with rows dated outside their campaign's start..end (asked only when there are some)."""

        REJECT = "reject", _("Leave them out")
        EXTEND = "extend", _("Import them and extend the campaign's dates to cover them")

    RUNNING = (Status.VALIDATING, Status.IMPORTING)

    uploaded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT,
                                    related_name="import_jobs", verbose_name=_("uploaded by"))
    source = models.ForeignKey(SourceMapping, on_delete=models.PROTECT, related_name="jobs",
                               verbose_name=_("source"))
    file = models.FileField(upload_to="imports/%Y/%m/")
    original_name = models.CharField(_("file"), max_length=255)
    size = models.PositiveBigIntegerField(_("size (bytes)"))
    content_hash = models.CharField(max_length=64, db_index=True)
    header_line = models.PositiveIntegerField(default=1)
    headers = models.JSONField(default=list)
    columns = models.JSONField(_("column mapping"), default=dict, blank=True)
    campaign = models.ForeignKey(Campaign, on_delete=models.PROTECT, null=True, blank=True,
                                 related_name="+", verbose_name=_("campaign for every row"))
    publisher = models.ForeignKey(Account, on_delete=models.PROTECT, null=True, blank=True,
                                  related_name="+", verbose_name=_("publisher for every row"))
    platform = models.CharField(_("platform for every row"), max_length=20, choices=Platform, blank=True)
    reading = models.JSONField(_("how to read the file"), default=dict, blank=True,
                               help_text=_("The user's choices for a file that cannot tell by itself: "
                                           "date_order (dmy/mdy), decimal_mark (./,)."))
    import_when_clean = models.BooleanField(
        _("import straight away when every row is good"), default=False,
        help_text=_("All or nothing: a file with a rejected row, a platform name to map or rows outside "
                    "their campaign's dates still stops at the report."))
    status = models.CharField(max_length=12, choices=Status, default=Status.UPLOADED)
    mode = models.CharField(max_length=4, choices=Mode, blank=True)
    outside_dates = models.CharField(_("rows outside the campaign's dates"), max_length=6, choices=OutsideDates,
                                     blank=True)
    total_rows = models.PositiveIntegerField(default=0)
    processed_rows = models.PositiveIntegerField(default=0)
    good_rows = models.PositiveIntegerField(default=0)
    bad_rows = models.PositiveIntegerField(default=0)
    inserted = models.PositiveIntegerField(default=0)
    updated = models.PositiveIntegerField(default=0)
    unchanged = models.PositiveIntegerField(default=0)
    report = models.JSONField(default=dict, blank=True)
    message = models.CharField(max_length=500, blank=True)
    campaigns = models.ManyToManyField(Campaign, blank=True, related_name="import_jobs",
                                       verbose_name=_("campaigns written"))
    created_at = models.DateTimeField(auto_now_add=True)
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("import")
        verbose_name_plural = _("imports")

    def __str__(self):
        return f"{self.original_name} ({self.get_status_display()})"

    def get_absolute_url(self):
        return reverse("imports:job_detail", args=[self.pk])

    @property
    def is_running(self):
        return self.status in self.RUNNING

    @property
    def step(self):
        """Where the job is in the five steps the import pages show (upload … import)."""
        return {self.Status.UPLOADED: 2, self.Status.NAMES: 3, self.Status.IMPORTING: 5,
                self.Status.DONE: 5, self.Status.REFUSED: 5}.get(self.status, 4)

    @property
    def percent(self):
        if self.status in (self.Status.DONE, self.Status.VALIDATED):
            return 100
        return min(99, self.processed_rows * 100 // self.total_rows) if self.total_rows else 0

    @property
    def unknown_names(self):
        """Platform campaigns and accounts the last check could not place, once each."""
        return self.report.get("unknown", {"campaign": [], "publisher": []})

    @property
    def unknown_count(self):
        return sum(len(items) for items in self.unknown_names.values())

    @property
    def outside(self):
        """Per campaign, the checked rows dated outside its start..end (campaigns.fact_window.outside_report)."""
        return self.report.get("outside", [])

    @property
    def outside_rows(self):
        return sum(item["rows"] for item in self.outside)

    @property
    def errors(self):
        return self.report.get("errors", [])

    @property
    def skipped(self):
        return self.report.get("skipped", [])


class PlatformNameMapping(models.Model):
    """An answer of the mapping step: what one platform campaign (or account) of a source is in
    the CRM, remembered so next week's file from the same source asks nothing.

    Keyed by the platform's id when the file has one, else by the normalised name. Each user keeps
    their own answer; another user's answer is used only where its target is one they may write.
    """

    source = models.ForeignKey(SourceMapping, on_delete=models.CASCADE, verbose_name=_("source"))
    key = models.CharField(max_length=300)
    external_id = models.CharField(_("platform id"), max_length=100, blank=True)
    external_name = models.CharField(_("platform name"), max_length=255, blank=True)
    confirmed_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+",
                                     verbose_name=_("confirmed by"))
    confirmed_at = models.DateTimeField(_("confirmed at"), auto_now=True)

    class Meta:
        abstract = True

    def __str__(self):
        return f"{self.external_name or self.external_id} -> {self.target or '—'}"

    @property
    def skipped(self):
        return self.target_id is None


class CampaignNameMapping(PlatformNameMapping):
    """A platform campaign -> a CRM campaign (or skipped: its rows are left out)."""

    target = models.ForeignKey(Campaign, on_delete=models.CASCADE, null=True, blank=True, related_name="+",
                               verbose_name=_("campaign"))

    class Meta:
        verbose_name = _("platform campaign mapping")
        verbose_name_plural = _("platform campaign mappings")
        constraints = [models.UniqueConstraint(fields=["source", "key", "confirmed_by"],
                                               name="campaign_mapping_one_answer_per_user")]


class PublisherNameMapping(PlatformNameMapping):
    """A platform account / publisher name -> a CRM publisher (or skipped)."""

    target = models.ForeignKey(Account, on_delete=models.CASCADE, null=True, blank=True, related_name="+",
                               verbose_name=_("publisher"))

    class Meta:
        verbose_name = _("platform account mapping")
        verbose_name_plural = _("platform account mappings")
        constraints = [models.UniqueConstraint(fields=["source", "key", "confirmed_by"],
                                               name="publisher_mapping_one_answer_per_user")]
