"""Early warning and trust repair: rules raise signals, people run incidents, scores show repair.

Incidents, their timeline, statements and post-mortems are never deleted (archive only).
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from accounts.models import Account
from campaigns.models import Campaign
from socialcrm.messages import evidence_items, render


class Severity(models.TextChoices):
    LOW = "low", _("Low")
    MEDIUM = "medium", _("Medium")
    HIGH = "high", _("High")
    CRITICAL = "critical", _("Critical")


class IncidentType(models.TextChoices):
    PERFORMANCE = "performance", _("Performance shortfall")
    NEGATIVE_FEEDBACK = "negative_feedback", _("Negative feedback or public criticism")
    SERVICE = "service", _("Slow or missed responses")
    DELIVERY = "delivery", _("Delivery delay")
    BUDGET = "budget", _("Budget overspend")
    OTHER = "other", _("Other")


SEVERITY_RANK = {Severity.LOW: 1, Severity.MEDIUM: 2, Severity.HIGH: 3, Severity.CRITICAL: 4}


class NeverDeleted(models.Model):
    """Records that are evidence of how we treated a partner: archived, never deleted."""

    class Meta:
        abstract = True

    def delete(self, *args, **kwargs):
        raise PermissionError(f"{self._meta.verbose_name} is never deleted; archive it instead.")


class WarningRule(models.Model):
    """A condition that, when it holds, raises a signal. Evaluated by `crisis.tasks.evaluate_warning_rules`."""

    class Kind(models.TextChoices):
        KPI_BELOW_TARGET = "kpi_below_target", _("KPI below target")
        KPI_DROP = "kpi_drop", _("KPI sharp drop against its own baseline")
        NEGATIVE_FEEDBACK = "negative_feedback", _("Spike of negative feedback")
        SLA_BREACHES = "sla_breaches", _("Feedback answered late (SLA breaches)")
        KEY_MILESTONE_OVERDUE = "key_milestone_overdue", _("Key milestone overdue")
        BUDGET_OVERSPEND = "budget_overspend", _("Budget overspend")
        MENTION_SPIKE = "mention_spike", _("Spike of public mentions")
        NEGATIVE_MENTIONS = "negative_share_rise", _("Rise of the negative share of mentions")

    class Scope(models.TextChoices):
        ALLIANCE = "alliance", _("Every account and campaign")
        ACCOUNT = "account", _("One account")
        CAMPAIGN = "campaign", _("One campaign")

    name = models.CharField(_("name"), max_length=150)
    kind = models.CharField(_("kind"), max_length=30, choices=Kind)
    severity = models.CharField(_("severity"), max_length=10, choices=Severity, default=Severity.MEDIUM)
    scope = models.CharField(_("scope"), max_length=10, choices=Scope, default=Scope.ALLIANCE)
    account = models.ForeignKey(Account, on_delete=models.CASCADE, null=True, blank=True,
                                related_name="warning_rules", verbose_name=_("account"))
    campaign = models.ForeignKey(Campaign, on_delete=models.CASCADE, null=True, blank=True,
                                 related_name="warning_rules", verbose_name=_("campaign"))
    parameters = models.JSONField(
        _("parameters"), default=dict, blank=True,
        help_text=_("Overrides of the kind's defaults, e.g. {\"window_days\": 7}. See docs/crisis.md."),
    )
    is_active = models.BooleanField(_("active"), default=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["kind", "name"]
        constraints = [
            models.CheckConstraint(
                condition=Q(scope="alliance", account__isnull=True, campaign__isnull=True)
                | Q(scope="account", account__isnull=False, campaign__isnull=True)
                | Q(scope="campaign", account__isnull=True, campaign__isnull=False),
                name="warning_rule_scope_matches_target",
            ),
        ]
        verbose_name = _("warning rule")
        verbose_name_plural = _("warning rules")

    def __str__(self):
        return self.name


class SignalQuerySet(models.QuerySet):
    def open(self):
        return self.filter(resolved_at__isnull=True)


class Signal(models.Model):
    """One problem a rule found. Re-evaluation updates it; once the problem clears it is resolved,
    and a later recurrence opens a new signal (the dedupe key is unique among open signals only)."""

    rule = models.ForeignKey(WarningRule, on_delete=models.PROTECT, related_name="signals")
    # Every rule that currently finds this problem: two rules covering the same campaign, KPI and
    # window raise one signal (and one notification) that cites both, not two.
    rules = models.ManyToManyField(WarningRule, related_name="+", blank=True,
                                   verbose_name=_("raised by rules"))
    dedupe_key = models.CharField(max_length=200)
    severity = models.CharField(_("severity"), max_length=10, choices=Severity)
    title = models.CharField(_("title"), max_length=300)
    # The title as a code and parameters (socialcrm.messages), worded in the reader's language;
    # `title` keeps the English wording (and the text of signals raised before).
    title_data = models.JSONField(default=dict, blank=True)
    account = models.ForeignKey(Account, on_delete=models.PROTECT, related_name="signals",
                                verbose_name=_("account"))
    campaign = models.ForeignKey(Campaign, on_delete=models.PROTECT, null=True, blank=True,
                                 related_name="signals", verbose_name=_("campaign"))
    evidence = models.JSONField(_("evidence"), default=dict)
    links = models.JSONField(_("links"), default=list, help_text=_("[{\"label\": ..., \"url\": ...}]"))
    first_seen_at = models.DateTimeField(_("first seen"))
    last_seen_at = models.DateTimeField(_("last seen"))
    evaluations = models.PositiveIntegerField(_("times seen"), default=1)
    resolved_at = models.DateTimeField(_("cleared"), null=True, blank=True)
    incident = models.ForeignKey("Incident", on_delete=models.PROTECT, null=True, blank=True,
                                 related_name="signals", verbose_name=_("incident"))

    objects = SignalQuerySet.as_manager()

    class Meta:
        ordering = ["-last_seen_at"]
        constraints = [
            models.UniqueConstraint(fields=["dedupe_key"], condition=Q(resolved_at__isnull=True),
                                    name="one_open_signal_per_problem"),
        ]
        indexes = [models.Index(fields=["account", "resolved_at"])]
        verbose_name = _("signal")
        verbose_name_plural = _("signals")

    def __str__(self):
        return self.display_title

    def get_absolute_url(self):
        return reverse("crisis:signal_detail", args=[self.pk])

    @property
    def display_title(self):
        return render(self.title_data, self.title)

    @property
    def is_open(self):
        return self.resolved_at is None

    def evidence_items(self):
        """The evidence as (label, readable value) pairs, in the reader's language."""
        return evidence_items(self.evidence)


class PlaybookTemplate(models.Model):
    """The first response to an incident type: which actions, for whom, due how soon. Editable."""

    class OwnerRole(models.TextChoices):
        INCIDENT_OWNER = "owner", _("Incident owner")
        ACCOUNT_MANAGER = "account_manager", _("Account manager of the first affected account")
        PROJECT_LEAD = "project_lead", _("Project lead of the first affected campaign")

    incident_type = models.CharField(_("incident type"), max_length=30, unique=True,
                                     choices=IncidentType)
    steps = models.JSONField(
        _("steps"), default=list,
        help_text=_("[{\"title\": ..., \"owner\": \"owner|account_manager|project_lead\", \"due_in_days\": 1}]"),
    )
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["incident_type"]
        verbose_name = _("response playbook")
        verbose_name_plural = _("response playbooks")

    def __str__(self):
        return str(self.get_incident_type_display())


class IncidentQuerySet(models.QuerySet):
    def open(self):
        return self.exclude(status__in=(Incident.Status.RESOLVED, Incident.Status.CLOSED))


class Incident(NeverDeleted):
    """A trust-repair incident: who is affected, who runs it, what we do, what we learned."""

    Type = IncidentType

    class Scope(models.TextChoices):
        CAMPAIGN = "campaign", _("One campaign")
        ACCOUNT = "account", _("One account")
        SEVERAL_ACCOUNTS = "several_accounts", _("Several accounts")
        ALLIANCE = "alliance", _("Alliance-wide")

    class Status(models.TextChoices):
        DETECTED = "detected", _("Detected")
        ASSESSING = "assessing", _("Assessing")
        RESPONDING = "responding", _("Responding")
        RECOVERING = "recovering", _("Recovering")
        RESOLVED = "resolved", _("Resolved")
        CLOSED = "closed", _("Closed")

    title = models.CharField(_("title"), max_length=200)
    incident_type = models.CharField(_("type"), max_length=30, choices=Type, default=Type.OTHER)
    severity = models.CharField(_("severity"), max_length=10, choices=Severity, default=Severity.MEDIUM)
    scope = models.CharField(_("scope"), max_length=20, choices=Scope, default=Scope.ACCOUNT)
    description = models.TextField(_("what we know"), blank=True)
    status = models.CharField(_("status"), max_length=12, choices=Status, default=Status.DETECTED)
    owner = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT,
                              related_name="owned_incidents", verbose_name=_("owner"))
    accounts = models.ManyToManyField(Account, related_name="incidents",
                                      verbose_name=_("affected accounts"))
    campaigns = models.ManyToManyField(Campaign, blank=True, related_name="incidents",
                                       verbose_name=_("affected campaigns"))
    opened_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT,
                                  related_name="+", verbose_name=_("opened by"))
    detected_at = models.DateTimeField(_("detected"))
    resolved_at = models.DateTimeField(_("resolved"), null=True, blank=True)
    closed_at = models.DateTimeField(_("closed"), null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    archived_at = models.DateTimeField(_("archived"), null=True, blank=True)

    objects = IncidentQuerySet.as_manager()

    class Meta:
        ordering = ["-detected_at"]
        indexes = [models.Index(fields=["status", "severity"])]
        verbose_name = _("incident")
        verbose_name_plural = _("incidents")

    def __str__(self):
        return f"#{self.pk} {self.title}"

    def get_absolute_url(self):
        return reverse("crisis:incident_detail", args=[self.pk])

    @property
    def is_open(self):
        return self.status not in (self.Status.RESOLVED, self.Status.CLOSED)


class Responsibility(models.Model):
    """One line of the incident's RACI table."""

    class Role(models.TextChoices):
        RESPONSIBLE = "R", _("Responsible")
        ACCOUNTABLE = "A", _("Accountable")
        CONSULTED = "C", _("Consulted")
        INFORMED = "I", _("Informed")

    incident = models.ForeignKey(Incident, on_delete=models.PROTECT, related_name="responsibilities")
    person = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT,
                               related_name="incident_responsibilities", verbose_name=_("person"))
    role = models.CharField(_("role"), max_length=1, choices=Role)
    note = models.CharField(_("for what"), max_length=200, blank=True)

    class Meta:
        ordering = ["role", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["incident", "person", "role"], name="one_raci_role_per_person"),
        ]
        verbose_name = _("responsibility")
        verbose_name_plural = _("responsibilities")

    def __str__(self):
        return f"{self.get_role_display()}: {self.person}"


class TimelineEntry(models.Model):
    """What happened in an incident, recorded by the services as it happens. Append-only."""

    class Kind(models.TextChoices):
        OPENED = "opened", _("Opened")
        STATUS = "status", _("Status changed")
        EDITED = "edited", _("Edited")
        ACTION = "action", _("Action")
        ESCALATION = "escalation", _("Escalation")
        RESPONSIBILITY = "responsibility", _("Responsibility")
        STATEMENT = "statement", _("Statement")
        POSTMORTEM = "postmortem", _("Post-mortem")
        SIGNAL = "signal", _("Signal")

    incident = models.ForeignKey(Incident, on_delete=models.PROTECT, related_name="timeline")
    at = models.DateTimeField(_("when"), db_index=True)
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True,
                              blank=True, related_name="+", verbose_name=_("who"))
    kind = models.CharField(_("kind"), max_length=20, choices=Kind)
    message = models.CharField(_("what"), max_length=400)
    message_data = models.JSONField(default=dict, blank=True)  # code and parameters: socialcrm.messages

    class Meta:
        ordering = ["at", "pk"]
        verbose_name = _("timeline entry")
        verbose_name_plural = _("timeline entries")

    def __str__(self):
        return self.text

    def save(self, *args, **kwargs):
        if self.pk is not None:
            raise PermissionError("The incident timeline is append-only.")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise PermissionError("The incident timeline is append-only.")

    @property
    def text(self):
        return render(self.message_data, self.message)


class IncidentAction(models.Model):
    """Something someone must do to repair trust, by a deadline."""

    incident = models.ForeignKey(Incident, on_delete=models.PROTECT, related_name="actions")
    title = models.CharField(_("action"), max_length=300)
    owner = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT,
                              related_name="incident_actions", verbose_name=_("owner"))
    due_on = models.DateField(_("deadline"))
    done_at = models.DateTimeField(_("done"), null=True, blank=True)
    from_playbook = models.BooleanField(default=False)
    escalated_at = models.DateTimeField(_("escalated"), null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    archived_at = models.DateTimeField(_("archived"), null=True, blank=True)

    class Meta:
        ordering = ["done_at", "due_on", "pk"]
        indexes = [models.Index(fields=["done_at", "due_on"])]
        verbose_name = _("incident action")
        verbose_name_plural = _("incident actions")

    def __str__(self):
        return self.title

    def is_overdue(self, today):
        return self.done_at is None and self.due_on < today


class Statement(NeverDeleted):
    """What we told a partner (or the public) about the incident, as sent."""

    class Audience(models.TextChoices):
        ADVERTISER = "advertiser", _("Advertiser")
        PUBLISHER = "publisher", _("Publisher")
        PUBLIC = "public", _("Public")
        INTERNAL = "internal", _("Internal")

    incident = models.ForeignKey(Incident, on_delete=models.PROTECT, related_name="statements")
    audience = models.CharField(_("audience"), max_length=12, choices=Audience)
    account = models.ForeignKey(Account, on_delete=models.PROTECT, null=True, blank=True,
                                related_name="+", verbose_name=_("sent to account"))
    channel = models.CharField(_("channel"), max_length=60, help_text=_("e.g. email, WeChat, call"))
    body = models.TextField(_("statement"))
    sent_at = models.DateTimeField(_("sent"))
    sent_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT,
                                related_name="+", verbose_name=_("sent by"))
    archived_at = models.DateTimeField(_("archived"), null=True, blank=True)

    class Meta:
        ordering = ["sent_at", "pk"]
        verbose_name = _("statement")
        verbose_name_plural = _("statements")

    def __str__(self):
        return f"{self.get_audience_display()} · {self.sent_at:%Y-%m-%d}"


class PostMortem(NeverDeleted):
    """What we learned. An incident cannot close until this is written."""

    incident = models.OneToOneField(Incident, on_delete=models.PROTECT, related_name="postmortem")
    what_happened = models.TextField(_("what happened"))
    root_cause = models.TextField(_("root cause"))
    what_we_changed = models.TextField(_("what we changed"))
    written_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT,
                                   related_name="+", verbose_name=_("written by"))
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    archived_at = models.DateTimeField(_("archived"), null=True, blank=True)

    class Meta:
        verbose_name = _("post-mortem")
        verbose_name_plural = _("post-mortems")

    def __str__(self):
        return f"{_('Post-mortem')} {self.incident}"

    @property
    def is_complete(self):
        return all(text.strip() for text in (self.what_happened, self.root_cause, self.what_we_changed))


class PreventiveAction(models.Model):
    """A change that keeps the incident from happening again, with an owner."""

    postmortem = models.ForeignKey(PostMortem, on_delete=models.PROTECT, related_name="preventive_actions")
    title = models.CharField(_("preventive action"), max_length=300)
    owner = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT,
                              related_name="preventive_actions", verbose_name=_("owner"))
    due_on = models.DateField(_("deadline"))
    done_at = models.DateTimeField(_("done"), null=True, blank=True)

    class Meta:
        ordering = ["due_on", "pk"]
        verbose_name = _("preventive action")
        verbose_name_plural = _("preventive actions")

    def __str__(self):
        return self.title


class TrustScore(models.Model):
    """A daily snapshot of a partner's trust score (0-100) with its breakdown (crisis/trust.py)."""

    account = models.ForeignKey(Account, on_delete=models.CASCADE, related_name="trust_scores")
    day = models.DateField(_("day"))
    score = models.PositiveSmallIntegerField(_("trust score"))
    components = models.JSONField(_("breakdown"), default=dict)
    computed_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["account", "-day"]
        constraints = [
            models.UniqueConstraint(fields=["account", "day"], name="one_trust_score_per_day"),
            models.CheckConstraint(condition=Q(score__lte=100), name="trust_score_0_to_100"),
        ]
        indexes = [models.Index(fields=["day"])]
        verbose_name = _("trust score")
        verbose_name_plural = _("trust scores")

    def __str__(self):
        return f"{self.account} {self.day}: {self.score}"
