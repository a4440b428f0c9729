from django.conf import settings
from django.contrib.auth.models import AbstractUser
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class Platform(models.TextChoices):
    """Social and ad platforms the alliance buys and publishes on."""

    WECHAT = "wechat", _("WeChat")
    WEIBO = "weibo", _("Weibo")
    DOUYIN = "douyin", _("Douyin")
    XIAOHONGSHU = "xiaohongshu", _("Xiaohongshu")
    BILIBILI = "bilibili", _("Bilibili")
    META = "meta", _("Meta")
    INSTAGRAM = "instagram", _("Instagram")
    TIKTOK = "tiktok", _("TikTok")
    YOUTUBE = "youtube", _("YouTube")
    GOOGLE = "google", _("Google Ads")
    X = "x", _("X")
    LINKEDIN = "linkedin", _("LinkedIn")


class User(AbstractUser):
    class Role(models.TextChoices):
        ADMIN = "admin", _("Administrator")
        EXECUTIVE = "executive", _("Executive")
        PROJECT_LEAD = "project_lead", _("Project lead")
        ACCOUNT_MANAGER = "account_manager", _("Account manager")
        ANALYST = "analyst", _("Analyst")
        PARTNER = "partner", _("Partner")

    STAFF_ROLES = (Role.ADMIN, Role.EXECUTIVE, Role.PROJECT_LEAD, Role.ACCOUNT_MANAGER, Role.ANALYST)

    role = models.CharField(_("role"), max_length=20, choices=Role, default=Role.ACCOUNT_MANAGER)
    # A partner user is one contact of one advertiser or publisher: that account is its organisation.
    contact = models.OneToOneField(
        "accounts.Contact", on_delete=models.PROTECT, null=True, blank=True, related_name="portal_user",
        verbose_name=_("partner contact"))
    # The language notifications and emails reach this person in; empty means the site's default
    # (settings.LANGUAGE_CODE). Switching the interface language remembers it here.
    language = models.CharField(_("language"), max_length=10, choices=settings.LANGUAGES, blank=True,
                                default="")

    class Meta(AbstractUser.Meta):
        swappable = "AUTH_USER_MODEL"
        verbose_name = _("staff member")
        verbose_name_plural = _("staff")
        constraints = [
            models.CheckConstraint(
                condition=(models.Q(role="partner", contact__isnull=False, is_staff=False, is_superuser=False)
                           | (~models.Q(role="partner") & models.Q(contact__isnull=True))),
                name="partner_users_are_one_contact"),
        ]

    def __str__(self):
        return self.get_full_name() or self.username

    @property
    def is_partner(self):
        return self.role == self.Role.PARTNER

    @property
    def organisation_id(self):
        """The one advertiser or publisher a partner user belongs to (None for staff)."""
        return self.contact.account_id if self.is_partner else None

    @property
    def is_admin(self):
        return self.role == self.Role.ADMIN or self.is_superuser

    @property
    def reads_everything(self):
        """Executives and analysts read across the alliance; admins do everything."""
        return self.is_admin or self.role in {self.Role.EXECUTIVE, self.Role.ANALYST}

    @property
    def is_read_only(self):
        return not self.is_admin and self.role in {self.Role.EXECUTIVE, self.Role.ANALYST}

    @property
    def sees_confidential(self):
        return self.is_admin or self.role == self.Role.EXECUTIVE


class AccountQuerySet(models.QuerySet):
    def advertisers(self):
        return self.filter(side=Account.Side.ADVERTISER)

    def publishers(self):
        return self.filter(side=Account.Side.PUBLISHER)

    def active(self):
        return self.filter(archived_at__isnull=True)


class Account(models.Model):
    """A CRM account: an advertiser (who pays) or a publisher (who carries the ads)."""

    class Side(models.TextChoices):
        ADVERTISER = "advertiser", _("Advertiser")
        PUBLISHER = "publisher", _("Publisher")

    class Kind(models.TextChoices):
        BRAND = "brand", _("Brand")
        AGENCY = "agency", _("Agency")
        MEDIA = "media", _("Media")
        KOL = "kol", _("KOL")
        PLATFORM_ACCOUNT = "platform_account", _("Platform account")
        NETWORK = "network", _("Network")

    KINDS_BY_SIDE = {
        Side.ADVERTISER: (Kind.BRAND, Kind.AGENCY),
        Side.PUBLISHER: (Kind.MEDIA, Kind.KOL, Kind.PLATFORM_ACCOUNT, Kind.NETWORK),
    }

    class Tier(models.TextChoices):
        STRATEGIC = "strategic", _("Strategic")
        KEY = "key", _("Key")
        STANDARD = "standard", _("Standard")

    class Status(models.TextChoices):
        PROSPECT = "prospect", _("Prospect")
        ACTIVE = "active", _("Active")
        PAUSED = "paused", _("Paused")
        CHURNED = "churned", _("Churned")

    side = models.CharField(_("side"), max_length=12, choices=Side)
    name = models.CharField(_("name"), max_length=200)
    kind = models.CharField(_("type"), max_length=20, choices=Kind)
    industry = models.CharField(_("industry"), max_length=100, blank=True)
    platforms = models.JSONField(_("platforms"), default=list, blank=True)
    tier = models.CharField(_("tier"), max_length=12, choices=Tier, default=Tier.STANDARD)
    status = models.CharField(_("status"), max_length=12, choices=Status, default=Status.PROSPECT)
    account_manager = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="managed_accounts",
        verbose_name=_("account manager"),
    )
    shared_with = models.ManyToManyField(
        settings.AUTH_USER_MODEL, blank=True, related_name="shared_accounts",
        verbose_name=_("shared with"),
        help_text=_("Staff who may see and edit this account besides its account manager."),
    )
    is_confidential = models.BooleanField(
        _("confidential"), default=False,
        help_text=_("Hidden from everyone but its managers, executives and admins."),
    )
    website = models.URLField(_("website"), blank=True)
    notes = models.TextField(_("notes"), blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    archived_at = models.DateTimeField(_("archived"), null=True, blank=True)

    objects = AccountQuerySet.as_manager()

    class Meta:
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(fields=["side", "name"], name="unique_account_name_per_side"),
        ]
        indexes = [
            models.Index(fields=["side", "status"]),
            models.Index(fields=["account_manager", "side"]),
            # The list pages filter by side and sort by tier, industry or last change.
            models.Index(fields=["side", "tier", "name"], name="account_side_tier_name"),
            models.Index(fields=["side", "industry"], name="account_side_industry"),
            models.Index(fields=["side", "-updated_at"], name="account_side_recent"),
        ]
        verbose_name = _("account")
        verbose_name_plural = _("accounts")

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("accounts:account_detail", args=[self.pk])

    @property
    def is_advertiser(self):
        return self.side == self.Side.ADVERTISER

    def get_platform_labels(self):
        labels = dict(Platform.choices)
        return [labels.get(code, code) for code in self.platforms]


class Contact(models.Model):
    """A person at an account."""

    account = models.ForeignKey(Account, on_delete=models.CASCADE, related_name="contacts")
    name = models.CharField(_("name"), max_length=150)
    title = models.CharField(_("role"), max_length=150, blank=True)
    email = models.EmailField(_("email"), blank=True)
    phone = models.CharField(_("phone"), max_length=50, blank=True)
    wechat = models.CharField(_("WeChat ID"), max_length=100, blank=True)
    preferred_channel = models.CharField(_("preferred channel"), max_length=30, blank=True)
    webhook_url = models.URLField(
        _("group webhook"), blank=True,
        help_text=_("The incoming-webhook address of their WeCom, DingTalk or WeChat group, used when "
                    "that is their preferred channel."))
    is_primary = models.BooleanField(_("primary contact"), default=False)
    # What the alliance sends them (replies, statements, invitations, decision links) is worded in
    # this language; empty: their partner user's choice, else the site's default.
    language = models.CharField(
        _("language"), max_length=10, choices=settings.LANGUAGES, blank=True, default="",
        help_text=_("The language of the messages we send them. Empty: the language they chose in the "
                    "partner portal, else the site's default."))
    archived_at = models.DateTimeField(_("archived"), null=True, blank=True)

    class Meta:
        ordering = ["-is_primary", "name"]
        verbose_name = _("contact")
        verbose_name_plural = _("contacts")

    def __str__(self):
        return f"{self.name} ({self.account})"

    def get_absolute_url(self):
        return reverse("accounts:contact_edit", args=[self.pk])


class Partnership(models.Model):
    """A publisher that carries (or is lined up to carry) an advertiser's campaigns."""

    advertiser = models.ForeignKey(
        Account, on_delete=models.PROTECT, related_name="publisher_partnerships",
        limit_choices_to={"side": Account.Side.ADVERTISER}, verbose_name=_("advertiser"),
    )
    publisher = models.ForeignKey(
        Account, on_delete=models.PROTECT, related_name="advertiser_partnerships",
        limit_choices_to={"side": Account.Side.PUBLISHER}, verbose_name=_("publisher"),
    )
    started_on = models.DateField(_("since"), default=timezone.localdate)
    notes = models.CharField(_("notes"), max_length=300, blank=True)
    publisher_sees_revenue = models.BooleanField(
        _("publisher sees revenue"), default=False,
        help_text=_("The advertiser allows this publisher to see the revenue of the campaigns it carries."))
    created_at = models.DateTimeField(auto_now_add=True)
    archived_at = models.DateTimeField(_("archived"), null=True, blank=True)

    class Meta:
        ordering = ["-started_on", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["advertiser", "publisher"], name="one_partnership_per_pair"),
        ]
        verbose_name = _("partnership")
        verbose_name_plural = _("partnerships")

    def __str__(self):
        return f"{self.publisher} × {self.advertiser}"


class MeetingQuerySet(models.QuerySet):
    def held(self):
        """Meetings that happened and still count: only these keep a communication cadence."""
        return self.filter(status=Meeting.Status.HELD, archived_at__isnull=True)

    def planned(self):
        return self.filter(status=Meeting.Status.PLANNED, archived_at__isnull=True)


class Meeting(models.Model):
    """A client meeting: what was planned, said and decided, and what happens next."""

    class Kind(models.TextChoices):
        KICKOFF = "kickoff", _("Kickoff")
        MONTHLY_REVIEW = "monthly_review", _("Monthly review")
        QUARTERLY_REVIEW = "quarterly_review", _("Quarterly review")
        AD_HOC = "ad_hoc", _("Ad-hoc")
        ESCALATION = "escalation", _("Escalation")
        WEEKLY_PROJECT = "weekly_project", _("Weekly project meeting")
        INTERNAL = "internal", _("Internal meeting")

    class Status(models.TextChoices):
        PLANNED = "planned", _("Planned")
        HELD = "held", _("Held")

    account = models.ForeignKey(Account, on_delete=models.PROTECT, related_name="meetings")
    kind = models.CharField(_("kind"), max_length=20, choices=Kind, default=Kind.AD_HOC)
    status = models.CharField(
        _("status"), max_length=10, choices=Status, default=Status.HELD,
        help_text=_("Only a held meeting keeps a communication cadence; a planned one is on the calendar."),
    )
    held_at = models.DateTimeField(_("date and time"))
    campaign = models.ForeignKey(
        "campaigns.Campaign", on_delete=models.PROTECT, null=True, blank=True,
        related_name="meetings", verbose_name=_("campaign"),
        help_text=_("For a kickoff, a weekly project meeting or an internal meeting about one campaign."),
    )
    staff_attendees = models.ManyToManyField(
        settings.AUTH_USER_MODEL, blank=True, related_name="meetings_attended",
        verbose_name=_("staff attendees"),
    )
    contact_attendees = models.ManyToManyField(
        Contact, blank=True, related_name="meetings_attended", verbose_name=_("client attendees"),
    )
    agenda = models.TextField(_("agenda"), blank=True)
    minutes = models.TextField(_("minutes"), blank=True)
    decisions = models.TextField(_("decisions"), blank=True)
    next_meeting_on = models.DateField(_("next meeting"), null=True, blank=True)
    logged_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("logged by"),
    )
    created_at = models.DateTimeField(auto_now_add=True)
    archived_at = models.DateTimeField(_("archived"), null=True, blank=True)

    objects = MeetingQuerySet.as_manager()

    class Meta:
        ordering = ["-held_at"]
        indexes = [models.Index(fields=["account", "-held_at"])]
        verbose_name = _("meeting")
        verbose_name_plural = _("meetings")

    def __str__(self):
        return f"{self.get_kind_display()} · {self.account} · {self.held_at:%Y-%m-%d}"

    def get_absolute_url(self):
        return reverse("accounts:meeting_detail", args=[self.pk])

    @property
    def is_planned(self):
        return self.status == self.Status.PLANNED


class ActionItem(models.Model):
    """Something someone promised to do, usually decided in a meeting.

    `owner` is the staff member accountable for it. When the client's or publisher's own person
    promised it, `owner_contact` names them and `owner` is who follows it up with them.
    """

    class Recurrence(models.TextChoices):
        NONE = "", _("Once")
        WEEKLY = "weekly", _("Every week")
        MONTHLY = "monthly", _("Every month")

    account = models.ForeignKey(Account, on_delete=models.PROTECT, related_name="action_items")
    meeting = models.ForeignKey(Meeting, on_delete=models.PROTECT, null=True, blank=True,
                                related_name="action_items")
    title = models.CharField(_("action"), max_length=300)
    owner = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT,
                              related_name="action_items", verbose_name=_("owner"))
    owner_contact = models.ForeignKey(
        Contact, on_delete=models.PROTECT, null=True, blank=True, related_name="action_items",
        verbose_name=_("partner owner"),
        help_text=_("A contact of the partner who does it; the staff owner follows it up."),
    )
    recurrence = models.CharField(_("repeats"), max_length=10, choices=Recurrence, default="",
                                  blank=True)
    due_on = models.DateField(_("due"))
    done_at = models.DateTimeField(_("done"), null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    archived_at = models.DateTimeField(_("archived"), null=True, blank=True)

    class Meta:
        ordering = ["due_on", "pk"]
        indexes = [
            models.Index(fields=["owner", "done_at", "due_on"]),
            models.Index(fields=["account", "-created_at"], name="action_item_account_recent"),
        ]
        verbose_name = _("action item")
        verbose_name_plural = _("action items")

    def __str__(self):
        return self.title

    @property
    def owner_label(self):
        """Who does it, as shown: the partner's person (followed up by staff) or the staff owner."""
        if self.owner_contact_id:
            return _("%(contact)s (partner), followed up by %(owner)s") % {
                "contact": self.owner_contact.name, "owner": self.owner}
        return str(self.owner)

    @property
    def is_open(self):
        return self.done_at is None and self.archived_at is None

    @property
    def is_overdue(self):
        return self.is_open and self.due_on < timezone.localdate()


class Cadence(models.Model):
    """An agreed rhythm of contact with an account, e.g. a monthly review."""

    class Interval(models.TextChoices):
        WEEKLY = "weekly", _("Weekly")
        BIWEEKLY = "biweekly", _("Every two weeks")
        MONTHLY = "monthly", _("Monthly")
        QUARTERLY = "quarterly", _("Quarterly")

    account = models.ForeignKey(Account, on_delete=models.CASCADE, related_name="cadences")
    meeting_kind = models.CharField(_("meeting kind"), max_length=20, choices=Meeting.Kind)
    interval = models.CharField(_("interval"), max_length=12, choices=Interval)
    next_due_on = models.DateField(_("next due"))
    # The due date agreed when the cadence was set, and the day it was agreed: held meetings from
    # that day on move the schedule; with none (or all archived) the agreed date stands.
    agreed_due_on = models.DateField(_("agreed due date"), null=True, blank=True)
    agreed_on = models.DateField(_("agreed on"), null=True, blank=True)
    last_held_on = models.DateField(_("last held"), null=True, blank=True)
    is_active = models.BooleanField(_("active"), default=True)
    overdue_since = models.DateField(
        _("overdue since"), null=True, blank=True,
        help_text=_("Set by the daily cadence check when the due date passed without a meeting."),
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["account", "meeting_kind"], name="one_cadence_per_kind"),
        ]
        verbose_name = _("communication cadence")
        verbose_name_plural = _("communication cadences")

    def __str__(self):
        return f"{self.account}: {self.get_meeting_kind_display()} ({self.get_interval_display()})"

    @property
    def is_overdue(self):
        return self.is_active and self.next_due_on < timezone.localdate()


class Charter(models.Model):
    """The principles the alliance and a partner agreed on: how fast, through which channels, how
    confidential, and whom to call when something goes wrong on either side.

    One per account (the alliance's partnership with that advertiser or publisher). It prefills
    the account's communication cadence and tightens its feedback response deadline.
    """

    class Channel(models.TextChoices):
        EMAIL = "email", _("Email")
        WECHAT = "wechat", _("WeChat")
        WECOM = "wecom", _("WeCom")
        DINGTALK = "dingtalk", _("DingTalk")
        PHONE = "phone", _("Phone")
        IN_PERSON = "in_person", _("In person")

    account = models.OneToOneField(Account, on_delete=models.PROTECT, related_name="charter")
    principles = models.TextField(_("principles"), blank=True,
                                  help_text=_("e.g. honesty, respect, no surprises on spend"))
    response_hours = models.PositiveSmallIntegerField(
        _("first response within (hours)"), null=True, blank=True,
        help_text=_("Feedback from this partner is answered at least this fast."))
    meeting_interval = models.CharField(_("regular meeting"), max_length=12, choices=Cadence.Interval,
                                        blank=True)
    channels = models.JSONField(_("channels"), default=list, blank=True)
    confidentiality = models.TextField(_("confidentiality"), blank=True,
                                       help_text=_("What may be shared, with whom, and for how long."))
    escalation_staff = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+",
        verbose_name=_("our escalation contact"))
    escalation_contact = models.ForeignKey(
        Contact, on_delete=models.PROTECT, null=True, blank=True, related_name="+",
        verbose_name=_("their escalation contact"))
    agreed_on = models.DateField(_("agreed on"), default=timezone.localdate)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("partnership charter")
        verbose_name_plural = _("partnership charters")

    def __str__(self):
        return str(_("Charter with %(account)s") % {"account": self.account})

    def get_channels_display(self):
        labels = dict(self.Channel.choices)
        return ", ".join(str(labels.get(code, code)) for code in self.channels)
