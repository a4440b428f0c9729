import secrets

from django.conf import settings
from django.core.validators import MinValueValidator
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from accounts.models import Account, Platform
from campaigns.default_plan import shipped_label
from reports.kpis import KPI_CHOICES
from socialcrm import currencies
from socialcrm.attachments import validate_attachment


class Campaign(models.Model):
    class Status(models.TextChoices):
        PLANNING = "planning", _("Planning")
        IN_PRODUCTION = "in_production", _("In production")
        LIVE = "live", _("Live")
        PAUSED = "paused", _("Paused")
        FINISHED = "finished", _("Finished")
        CANCELLED = "cancelled", _("Cancelled")

    class Objective(models.TextChoices):
        AWARENESS = "awareness", _("Awareness")
        ENGAGEMENT = "engagement", _("Engagement")
        TRAFFIC = "traffic", _("Traffic")
        CONVERSIONS = "conversions", _("Conversions")
        FOLLOWERS = "followers", _("Follower growth")

    name = models.CharField(_("name"), max_length=200)
    advertiser = models.ForeignKey(
        Account, on_delete=models.PROTECT, related_name="campaigns",
        limit_choices_to={"side": Account.Side.ADVERTISER}, verbose_name=_("advertiser"),
    )
    publishers = models.ManyToManyField(
        Account, blank=True, related_name="carried_campaigns",
        limit_choices_to={"side": Account.Side.PUBLISHER}, verbose_name=_("publishers"),
    )
    platforms = models.JSONField(_("platforms"), default=list, blank=True)
    objective = models.CharField(_("objective"), max_length=20, choices=Objective,
                                 default=Objective.AWARENESS)
    goals = models.TextField(_("goals"), blank=True)
    budget = models.DecimalField(_("budget"), max_digits=14, decimal_places=2, default=0)
    currency = models.CharField(_("currency"), max_length=3, choices=currencies.CHOICES,
                                default=currencies.DEFAULT_CURRENCY,
                                help_text=_("The currency of the campaign's budget and imported spend and revenue."))
    start_on = models.DateField(_("start"))
    launch_on = models.DateField(_("launch"))
    end_on = models.DateField(_("end"))
    status = models.CharField(_("status"), max_length=20, choices=Status, default=Status.PLANNING)
    project_lead = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="led_campaigns",
        verbose_name=_("project lead"),
    )
    account_manager = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="managed_campaigns",
        verbose_name=_("account manager"),
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    archived_at = models.DateTimeField(_("archived"), null=True, blank=True)

    class Meta:
        ordering = ["-launch_on", "name"]
        indexes = [models.Index(fields=["status"]), models.Index(fields=["project_lead", "status"])]
        verbose_name = _("campaign")
        verbose_name_plural = _("campaigns")

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("campaigns:campaign_detail", args=[self.pk])

    def get_platform_labels(self):
        labels = dict(Platform.choices)
        return [labels.get(code, code) for code in self.platforms]


class KpiTarget(models.Model):
    """A campaign's target for one KPI, and the level at which it counts as at risk."""

    class Direction(models.TextChoices):
        AT_LEAST = "gte", _("at least")
        AT_MOST = "lte", _("at most")

    campaign = models.ForeignKey(Campaign, on_delete=models.CASCADE, related_name="kpi_targets")
    kpi = models.CharField(_("KPI"), max_length=30, choices=KPI_CHOICES)
    direction = models.CharField(_("direction"), max_length=3, choices=Direction,
                                 default=Direction.AT_LEAST)
    target = models.DecimalField(_("target"), max_digits=14, decimal_places=4)
    at_risk_threshold = models.DecimalField(
        _("at-risk threshold"), max_digits=14, decimal_places=4,
        help_text=_("Between this value and the target the KPI is shown as at risk."),
    )

    class Meta:
        constraints = [models.UniqueConstraint(fields=["campaign", "kpi"], name="one_target_per_kpi")]
        verbose_name = _("KPI target")
        verbose_name_plural = _("KPI targets")

    def __str__(self):
        return f"{self.kpi} {self.get_direction_display()} {self.target}"

    def status_of(self, value):
        """'met', 'at_risk' or 'missed' for an observed value (None when there is no data)."""
        if value is None:
            return None
        if self.direction == self.Direction.AT_LEAST:
            if value >= self.target:
                return "met"
            return "at_risk" if value >= self.at_risk_threshold else "missed"
        if value <= self.target:
            return "met"
        return "at_risk" if value <= self.at_risk_threshold else "missed"


class ReviewStage(models.TextChoices):
    INTERNAL = "internal", _("Internal")
    CLIENT = "client", _("Client")
    COMPLIANCE = "compliance", _("Compliance")


class TeamRole(models.TextChoices):
    """What a colleague does on a campaign's team."""

    CREATIVE = "creative", _("Creative")
    COPYWRITER = "copywriter", _("Copywriter")
    DATA_ANALYST = "data_analyst", _("Data analyst")
    COMMUNITY_MANAGER = "community_manager", _("Community manager")
    MEDIA_BUYER = "media_buyer", _("Media buyer")
    OTHER = "other", _("Other")


class OwnerRole(models.TextChoices):
    """Who on the campaign owns a planned step by default: the lead, the account manager, or the
    first team member with that role (the lead while nobody on the team has it)."""

    PROJECT_LEAD = "project_lead", _("Project lead")
    ACCOUNT_MANAGER = "account_manager", _("Account manager")
    CREATIVE = "creative", _("Creative")
    COPYWRITER = "copywriter", _("Copywriter")
    DATA_ANALYST = "data_analyst", _("Data analyst")
    COMMUNITY_MANAGER = "community_manager", _("Community manager")
    MEDIA_BUYER = "media_buyer", _("Media buyer")


class TeamMember(models.Model):
    """A colleague on a campaign's team: they see the campaign and may own its steps.

    Leaving the team archives the row (`removed_at`); it is never deleted."""

    campaign = models.ForeignKey(Campaign, on_delete=models.CASCADE, related_name="team")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT,
                             related_name="campaign_memberships", verbose_name=_("colleague"))
    role = models.CharField(_("role on the team"), max_length=20, choices=TeamRole, default=TeamRole.OTHER)
    added_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    added_at = models.DateTimeField(default=timezone.now)
    removed_at = models.DateTimeField(_("removed"), null=True, blank=True)

    class Meta:
        ordering = ["role", "added_at"]
        constraints = [
            models.UniqueConstraint(fields=["campaign", "user"], condition=models.Q(removed_at__isnull=True),
                                    name="one_active_membership_per_campaign"),
        ]
        indexes = [models.Index(fields=["user", "removed_at"])]
        verbose_name = _("team member")
        verbose_name_plural = _("team members")

    def __str__(self):
        return f"{self.user} ({self.get_role_display()})"


class Milestone(models.Model):
    """A step of a campaign plan, scheduled backwards from launch."""

    class Kind(models.TextChoices):
        CREATIVE_PROPOSAL = "creative_proposal", _("Creative proposal")
        INTERNAL_REVIEW = "internal_review", _("Internal review")
        CLIENT_REVIEW = "client_review", _("Client review")
        COMPLIANCE_REVIEW = "compliance_review", _("Compliance review")
        FINAL_VERSION = "final_version", _("Final version")
        ASSET_PRODUCTION = "asset_production", _("Asset production")
        LAUNCH = "launch", _("Launch")
        OTHER = "other", _("Other")

    class Status(models.TextChoices):
        NOT_STARTED = "not_started", _("Not started")
        IN_PROGRESS = "in_progress", _("In progress")
        IN_REVIEW = "in_review", _("In review")
        DONE = "done", _("Done")
        BLOCKED = "blocked", _("Blocked")

    campaign = models.ForeignKey(Campaign, on_delete=models.CASCADE, related_name="milestones")
    sequence = models.PositiveSmallIntegerField(_("order"))
    kind = models.CharField(_("kind"), max_length=20, choices=Kind, default=Kind.OTHER)
    name = models.CharField(_("name"), max_length=150)
    owner = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT,
                              related_name="milestones", verbose_name=_("owner"))
    duration_days = models.PositiveSmallIntegerField(_("duration (working days)"), default=1)
    buffer_days = models.PositiveSmallIntegerField(_("buffer (working days)"), default=0)
    starts_on = models.DateField(_("starts"))
    due_on = models.DateField(_("due"))
    status = models.CharField(_("status"), max_length=12, choices=Status, default=Status.NOT_STARTED)
    is_key = models.BooleanField(_("key milestone"), default=False)
    completed_at = models.DateTimeField(_("completed"), null=True, blank=True)
    blocked_reason = models.CharField(_("blocked because"), max_length=300, blank=True,
                                      help_text=_("What the step is waiting for, while it is blocked."))
    review_stage = models.CharField(
        _("review stage"), max_length=12, choices=ReviewStage, blank=True,
        help_text=_("Set on review steps: who has to approve the work."),
    )
    planned_due_on = models.DateField(
        _("originally due"), null=True, blank=True,
        help_text=_("The due date of the first plan, to show how far the step slipped."),
    )
    predecessors = models.ManyToManyField(
        "self", symmetrical=False, blank=True, related_name="successors",
        verbose_name=_("after"), help_text=_("The steps that must be done before this one starts."),
    )

    class Meta:
        ordering = ["campaign", "sequence"]
        constraints = [
            models.UniqueConstraint(fields=["campaign", "sequence"], name="one_milestone_per_step"),
        ]
        indexes = [models.Index(fields=["owner", "status", "due_on"])]
        verbose_name = _("milestone")
        verbose_name_plural = _("milestones")

    def __str__(self):
        return f"{self.campaign}: {self.label}"

    @property
    def label(self):
        """The step's name in the reader's language while it is the shipped wording."""
        return shipped_label(self.name)

    @property
    def is_review(self):
        return bool(self.review_stage)

    @property
    def is_open(self):
        return self.status != self.Status.DONE

    def is_overdue(self, today):
        return self.is_open and self.due_on < today

    @property
    def slip_days(self):
        if self.planned_due_on is None:
            return 0
        return (self.due_on - self.planned_due_on).days


class Review(models.Model):
    """One decision in a review step's approval chain. Never edited or deleted."""

    class Decision(models.TextChoices):
        APPROVED = "approved", _("Approved")
        CHANGES_REQUESTED = "changes_requested", _("Changes requested")
        REJECTED = "rejected", _("Rejected")

    SENDS_WORK_BACK = (Decision.CHANGES_REQUESTED, Decision.REJECTED)

    milestone = models.ForeignKey(Milestone, on_delete=models.PROTECT, related_name="reviews")
    stage = models.CharField(_("stage"), max_length=12, choices=ReviewStage)
    reviewer = models.CharField(
        _("reviewer"), max_length=150,
        help_text=_("Who decided: a colleague, the client's contact or the compliance officer."),
    )
    decision = models.CharField(_("decision"), max_length=20, choices=Decision)
    comments = models.TextField(_("comments"), blank=True)
    decided_at = models.DateTimeField(_("decided"), default=timezone.now)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT,
                                    related_name="+", verbose_name=_("recorded by"))
    # Set when the client's contact decided it themselves (in the portal or through a signed link).
    decided_by_contact = models.ForeignKey(
        "accounts.Contact", on_delete=models.PROTECT, null=True, blank=True, related_name="+",
        verbose_name=_("decided by the client's contact"))
    attachment = models.FileField(_("attached file"), upload_to="reviews/%Y/%m/", blank=True)
    reworked_milestone = models.ForeignKey(
        Milestone, on_delete=models.PROTECT, null=True, blank=True, related_name="+",
        verbose_name=_("sent back to"),
    )
    slip_working_days = models.SmallIntegerField(
        _("launch slip (working days)"), default=0,
        help_text=_("How far this decision moved the projected launch."),
    )
    copy_text = models.TextField(_("copy checked"), blank=True,
                                 help_text=_("The advertising copy pasted into a compliance review."))
    flags = models.JSONField(_("flagged terms"), default=list, blank=True)
    justification = models.TextField(
        _("justification"), blank=True,
        help_text=_("Why an approval over flagged terms is right."),
    )

    class Meta:
        ordering = ["decided_at", "pk"]
        verbose_name = _("review")
        verbose_name_plural = _("reviews")

    def __str__(self):
        return f"{self.get_stage_display()}: {self.get_decision_display()} ({self.reviewer})"

    @property
    def sends_work_back(self):
        return self.decision in self.SENDS_WORK_BACK


def comment_upload_to(instance, filename):
    return f"campaigns/comments/{timezone.now():%Y/%m}/{filename}"


class StepComment(models.Model):
    """A comment on a plan step, with @mentions and an optional file (a draft, on a review step).

    Drafts on a review step belong to the next decision on it: recording the decision sets
    `review`, so each decision keeps the drafts it was about. Comments are archived, never deleted.
    """

    milestone = models.ForeignKey(Milestone, on_delete=models.PROTECT, related_name="comments")
    review = models.ForeignKey(Review, on_delete=models.PROTECT, null=True, blank=True,
                               related_name="drafts", verbose_name=_("review"))
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+",
                               verbose_name=_("author"))
    body = models.TextField(_("comment"), blank=True)
    attachment = models.FileField(_("file"), upload_to=comment_upload_to, blank=True,
                                  validators=[validate_attachment])
    mentioned = models.ManyToManyField(settings.AUTH_USER_MODEL, blank=True, related_name="+",
                                       verbose_name=_("mentioned"))
    flags = models.JSONField(_("flagged terms"), default=list, blank=True,
                             help_text=_("Compliance terms found in an attached text draft."))
    created_at = models.DateTimeField(default=timezone.now)
    archived_at = models.DateTimeField(_("archived"), null=True, blank=True)

    class Meta:
        ordering = ["created_at", "pk"]
        verbose_name = _("step comment")
        verbose_name_plural = _("step comments")

    def __str__(self):
        return f"{self.milestone}: {self.body[:40]}"

    @property
    def flag_list(self):
        from campaigns.compliance import Flag

        return [Flag.from_json(flag) for flag in self.flags]

    @property
    def file_name(self):
        return self.attachment.name.rsplit("/", 1)[-1] if self.attachment else ""


class ComplianceTerm(models.Model):
    """A word the PRC Advertising Law forbids or restricts in ads, and why. Edited by admins."""

    class Category(models.TextChoices):
        ABSOLUTE = "absolute", _("Absolute claim")
        MEDICAL = "medical", _("Medical promise")
        FINANCIAL = "financial", _("Financial promise")
        OTHER = "other", _("Other")

    term = models.CharField(_("term"), max_length=60, unique=True)
    category = models.CharField(_("category"), max_length=12, choices=Category, default=Category.ABSOLUTE)
    reason_en = models.CharField(_("reason (English)"), max_length=300)
    reason_zh = models.CharField(_("reason (Chinese)"), max_length=300)
    is_active = models.BooleanField(_("checked"), default=True)

    class Meta:
        ordering = ["category", "term"]
        verbose_name = _("compliance term")
        verbose_name_plural = _("compliance terms")

    def __str__(self):
        return self.term


class PlanTemplate(models.Model):
    """A reusable campaign plan: ordered steps with typical durations, buffers and owners."""

    name = models.CharField(_("name"), max_length=150, unique=True)
    description = models.TextField(_("description"), blank=True)
    is_default = models.BooleanField(_("default"), default=False)
    archived_at = models.DateTimeField(_("archived"), null=True, blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True,
                                   blank=True, related_name="+", verbose_name=_("created by"))

    class Meta:
        ordering = ["-is_default", "name"]
        constraints = [
            models.UniqueConstraint(fields=["is_default"], condition=models.Q(is_default=True),
                                    name="one_default_plan_template"),
        ]
        verbose_name = _("plan template")
        verbose_name_plural = _("plan templates")

    def __str__(self):
        return self.label

    @property
    def label(self):
        return shipped_label(self.name)

    @property
    def description_label(self):
        return shipped_label(self.description)


class PlanTemplateStep(models.Model):
    template = models.ForeignKey(PlanTemplate, on_delete=models.CASCADE, related_name="steps")
    sequence = models.PositiveSmallIntegerField(_("order"))
    kind = models.CharField(_("kind"), max_length=20, choices=Milestone.Kind, default=Milestone.Kind.OTHER)
    name = models.CharField(_("name"), max_length=150)
    duration_days = models.PositiveSmallIntegerField(
        _("typical duration (working days)"), default=1,
        validators=[MinValueValidator(1)],
    )
    buffer_days = models.PositiveSmallIntegerField(_("buffer (working days)"), default=0)
    owner_role = models.CharField(_("default owner"), max_length=20, choices=OwnerRole,
                                  default=OwnerRole.PROJECT_LEAD)
    review_stage = models.CharField(
        _("review stage"), max_length=12, choices=ReviewStage, blank=True,
        help_text=_("Leave empty for production steps; set it to make the step a review."),
    )
    is_key = models.BooleanField(_("key milestone"), default=False)
    after = models.JSONField(
        _("after"), null=True, blank=True, default=None,
        help_text=_("Orders of the steps it waits for; not set: the step before it."),
    )

    class Meta:
        ordering = ["template", "sequence"]
        constraints = [
            models.UniqueConstraint(fields=["template", "sequence"], name="one_template_step_per_order"),
        ]
        verbose_name = _("plan template step")
        verbose_name_plural = _("plan template steps")

    def __str__(self):
        return f"{self.template}: {self.sequence}. {self.label}"

    @property
    def label(self):
        return shipped_label(self.name)

    @property
    def is_review(self):
        return bool(self.review_stage)


def new_feed_token():
    return secrets.token_urlsafe(32)


class CalendarFeed(models.Model):
    """The secret in a user's iCalendar feed URL. Regenerating it cuts off every old subscription."""

    user = models.OneToOneField(settings.AUTH_USER_MODEL, on_delete=models.CASCADE,
                                related_name="calendar_feed")
    token = models.CharField(max_length=64, unique=True, default=new_feed_token)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("calendar feed")
        verbose_name_plural = _("calendar feeds")

    def __str__(self):
        return f"{self.user} calendar feed"


class DailyPerformance(models.Model):
    """One fact: what a campaign did on one publisher and platform on one day. Counters only.

    Rates (CTR, CPA, ROI...) are never stored here; they are derived from sums (reports.kpis).
    The natural key is unique, so re-importing a file updates rows instead of doubling them.
    """

    campaign = models.ForeignKey(Campaign, on_delete=models.CASCADE, related_name="daily_facts")
    publisher = models.ForeignKey(Account, on_delete=models.PROTECT, related_name="daily_facts")
    platform = models.CharField(max_length=20, choices=Platform)
    day = models.DateField(db_index=True)
    impressions = models.BigIntegerField(default=0)
    reach = models.BigIntegerField(default=0)
    clicks = models.BigIntegerField(default=0)
    conversions = models.BigIntegerField(default=0)
    spend = models.DecimalField(max_digits=14, decimal_places=2, default=0)
    revenue = models.DecimalField(max_digits=14, decimal_places=2, default=0)
    likes = models.BigIntegerField(default=0)
    comments = models.BigIntegerField(default=0)
    shares = models.BigIntegerField(default=0)
    follows = models.BigIntegerField(_("new followers"), default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["campaign", "publisher", "platform", "day"], name="daily_fact_natural_key"
            ),
        ]
        verbose_name = _("daily performance")
        verbose_name_plural = _("daily performance")

    def __str__(self):
        return f"{self.campaign_id}/{self.publisher_id}/{self.platform}/{self.day}"


class PeriodReach(models.Model):
    """The reach a platform reported for a whole period (not a day): how many distinct people one
    campaign reached through one publisher on one platform between `start_on` and `end_on`.

    Reach does not add up across days or publishers (the same person counts twice), so it is never
    derived from DailyPerformance.reach: it is stored only as the platform gave it, from an export
    row that covers a period (a "Reporting starts" / "Reporting ends" pair), and shown with its
    period. Re-importing the same period replaces the figure.
    """

    campaign = models.ForeignKey(Campaign, on_delete=models.CASCADE, related_name="period_reach")
    publisher = models.ForeignKey(Account, on_delete=models.PROTECT, related_name="period_reach")
    platform = models.CharField(max_length=20, choices=Platform)
    start_on = models.DateField(_("period start"))
    end_on = models.DateField(_("period end"))
    reach = models.BigIntegerField(_("reach"))
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["campaign", "publisher", "platform", "start_on", "end_on"],
                                    name="period_reach_natural_key"),
            models.CheckConstraint(condition=models.Q(end_on__gte=models.F("start_on")),
                                   name="period_reach_ends_after_start"),
        ]
        verbose_name = _("period reach")
        verbose_name_plural = _("period reach")

    def __str__(self):
        return f"{self.campaign_id}/{self.publisher_id}/{self.platform}/{self.start_on}..{self.end_on}"


class Level(models.TextChoices):
    LOW = "low", _("Low")
    MEDIUM = "medium", _("Medium")
    HIGH = "high", _("High")


class CampaignRisk(models.Model):
    """A risk to a campaign and the contingency plan for it. Archived, never deleted."""

    campaign = models.ForeignKey(Campaign, on_delete=models.CASCADE, related_name="risks")
    description = models.CharField(_("risk"), max_length=300)
    likelihood = models.CharField(_("likelihood"), max_length=6, choices=Level, default=Level.MEDIUM)
    impact = models.CharField(_("impact"), max_length=6, choices=Level, default=Level.MEDIUM)
    owner = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+",
                              verbose_name=_("owner"))
    trigger = models.CharField(_("trigger"), max_length=300, blank=True,
                               help_text=_("What tells you the risk is happening."))
    contingency = models.TextField(_("contingency actions"), blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(default=timezone.now)
    archived_at = models.DateTimeField(_("archived"), null=True, blank=True)

    class Meta:
        ordering = ["archived_at", "-created_at"]
        verbose_name = _("campaign risk")
        verbose_name_plural = _("campaign risks")

    def __str__(self):
        return self.description

    @property
    def score(self):
        """Likelihood × impact on 1-3 each: what the register is sorted by."""
        rank = {Level.LOW: 1, Level.MEDIUM: 2, Level.HIGH: 3}
        return rank[self.likelihood] * rank[self.impact]


class EndOfCampaignReview(models.Model):
    """What the campaign achieved against its goals and targets, and what to keep doing.

    A campaign needs one before it can be marked finished (like an incident's post-mortem)."""

    class Outcome(models.TextChoices):
        MET = "met", _("Goals met")
        PARTLY = "partly", _("Goals partly met")
        MISSED = "missed", _("Goals missed")

    campaign = models.OneToOneField(Campaign, on_delete=models.CASCADE, related_name="end_review")
    outcome = models.CharField(_("outcome"), max_length=8, choices=Outcome)
    results = models.TextField(_("results against goals and KPI targets"))
    lessons = models.TextField(_("lessons learned"))
    repeat = models.TextField(_("what to repeat"), blank=True)
    written_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    written_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("end-of-campaign review")
        verbose_name_plural = _("end-of-campaign reviews")

    def __str__(self):
        return f"{self.campaign}: {self.get_outcome_display()}"
