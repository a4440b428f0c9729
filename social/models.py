"""The social channel: profiles and their follower series, posts with their metrics, comments and
mentions heard by listening, and A/B tests between post variants.

Nothing a user wrote or a platform said is hard-deleted: profiles and experiments are archived,
mentions are kept for good (like the feedback they may open).
"""

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from accounts.models import Account
from campaigns.models import Campaign
from feedback.models import Feedback, NeverDeleted


class SocialPlatform(models.TextChoices):
    """Where profiles live: the codes of `accounts.Platform`, plus the social-only platforms."""

    WEIBO = "weibo", _("Weibo")
    DOUYIN = "douyin", _("Douyin")
    XIAOHONGSHU = "xiaohongshu", _("Xiaohongshu")
    WECHAT = "wechat", _("WeChat")
    BILIBILI = "bilibili", _("Bilibili")
    KUAISHOU = "kuaishou", _("Kuaishou")
    TIKTOK = "tiktok", _("TikTok")
    META = "meta", _("Meta")
    INSTAGRAM = "instagram", _("Instagram")
    YOUTUBE = "youtube", _("YouTube")
    X = "x", _("X")
    LINKEDIN = "linkedin", _("LinkedIn")


class RightsStatus(models.TextChoices):
    """Permission to reuse user-generated content."""

    NOT_ASKED = "", _("Not asked")
    ASKED = "asked", _("Asked")
    GRANTED = "granted", _("Granted")
    REFUSED = "refused", _("Refused")


class UgcFields(models.Model):
    is_ugc = models.BooleanField(_("user-generated content"), default=False)
    rights_status = models.CharField(_("reuse rights"), max_length=8, choices=RightsStatus, blank=True,
                                     default=RightsStatus.NOT_ASKED)
    rights_updated_at = models.DateTimeField(_("rights updated"), null=True, blank=True)

    class Meta:
        abstract = True


class SocialProfile(models.Model):
    """An account's presence on one platform, or a competitor's profile watched for benchmarks."""

    account = models.ForeignKey(Account, on_delete=models.PROTECT, related_name="social_profiles",
                                verbose_name=_("account"))
    platform = models.CharField(_("platform"), max_length=20, choices=SocialPlatform)
    handle = models.CharField(_("handle"), max_length=120)
    url = models.URLField(_("URL"), blank=True)
    competitor_name = models.CharField(
        _("competitor"), max_length=150, blank=True,
        help_text=_("Filled for a competitor's profile, watched beside the account's own."))
    archived_at = models.DateTimeField(_("archived"), null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["account__name", "competitor_name", "platform", "handle"]
        constraints = [models.UniqueConstraint(fields=["account", "platform", "handle"],
                                               name="social_profile_unique_handle")]
        verbose_name = _("social profile")
        verbose_name_plural = _("social profiles")

    def __str__(self):
        owner = self.competitor_name or self.account.name
        return f"{owner} · {self.get_platform_display()} @{self.handle}"

    def get_absolute_url(self):
        return reverse("social:profile_detail", args=[self.pk])

    @property
    def is_competitor(self):
        return bool(self.competitor_name)


class FollowerCount(models.Model):
    """Followers of a profile at the end of one day (business time zone)."""

    profile = models.ForeignKey(SocialProfile, on_delete=models.CASCADE, related_name="follower_counts")
    day = models.DateField(_("day"))
    followers = models.PositiveBigIntegerField(_("followers"))

    class Meta:
        ordering = ["profile", "day"]
        constraints = [models.UniqueConstraint(fields=["profile", "day"], name="follower_count_one_per_day")]

    def __str__(self):
        return f"{self.profile_id} {self.day}: {self.followers}"


class Post(UgcFields):
    """One published post or creative with its latest metrics. (profile, external_id) is its
    identity: a re-import or a second push updates it, never adds a copy."""

    class ContentType(models.TextChoices):
        IMAGE = "image", _("Image")
        VIDEO = "video", _("Video")
        SHORT_VIDEO = "short_video", _("Short video")
        LIVE = "live", _("Live stream")
        ARTICLE = "article", _("Article")
        CAROUSEL = "carousel", _("Carousel")
        TEXT = "text", _("Text")
        OTHER = "other", _("Other")

    profile = models.ForeignKey(SocialProfile, on_delete=models.PROTECT, related_name="posts",
                                verbose_name=_("profile"))
    external_id = models.CharField(_("post ID"), max_length=100)
    campaign = models.ForeignKey(Campaign, on_delete=models.PROTECT, null=True, blank=True,
                                 related_name="social_posts", verbose_name=_("campaign"))
    published_at = models.DateTimeField(_("published"))
    content_type = models.CharField(_("content type"), max_length=12, choices=ContentType,
                                    default=ContentType.OTHER)
    format = models.CharField(_("format"), max_length=40, blank=True,
                              help_text=_("e.g. vertical 9:16, square, long-form"))
    variant_label = models.CharField(_("creative variant"), max_length=60, blank=True)
    text = models.TextField(_("text"), blank=True)
    text_length = models.PositiveIntegerField(default=0)
    impressions = models.PositiveBigIntegerField(_("impressions"), default=0)
    reach = models.PositiveBigIntegerField(_("reach"), default=0)
    likes = models.PositiveBigIntegerField(_("likes"), default=0)
    comments = models.PositiveBigIntegerField(_("comments"), default=0)
    shares = models.PositiveBigIntegerField(_("shares"), default=0)
    saves = models.PositiveBigIntegerField(_("saves"), default=0)
    clicks = models.PositiveBigIntegerField(_("clicks"), default=0)
    conversions = models.PositiveBigIntegerField(_("conversions"), default=0)
    video_views = models.PositiveBigIntegerField(_("video views"), default=0)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-published_at"]
        constraints = [models.UniqueConstraint(fields=["profile", "external_id"], name="post_unique_per_profile")]
        indexes = [models.Index(fields=["profile", "-published_at"]),
                   models.Index(fields=["campaign", "-published_at"]),
                   # Lists across many profiles ("newest posts I may see") walk this one and stop early.
                   models.Index(fields=["-published_at", "-id"], name="social_post_newest")]
        verbose_name = _("post")
        verbose_name_plural = _("posts")

    def __str__(self):
        return f"{self.profile.handle} · {self.external_id}"

    def get_absolute_url(self):
        return reverse("social:post_detail", args=[self.pk])

    @property
    def engagement(self):
        return self.likes + self.comments + self.shares + self.saves


class PostColumnMapping(models.Model):
    """How one platform's post exports map onto post fields, remembered from the last import."""

    platform = models.CharField(_("platform"), max_length=20, choices=SocialPlatform, unique=True)
    columns = models.JSONField(_("column mapping"), default=dict, blank=True)
    updated_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    updated_at = models.DateTimeField(auto_now=True)

    def __str__(self):
        return self.get_platform_display()


class PostImport(models.Model):
    """One uploaded post export: its layout, the mapping the user confirmed and the outcome."""

    class Status(models.TextChoices):
        MAPPING = "mapping", _("Waiting for column mapping")
        DONE = "done", _("Imported")
        REJECTED = "rejected", _("Rejected rows")

    profile = models.ForeignKey(SocialProfile, on_delete=models.PROTECT, related_name="imports",
                                verbose_name=_("profile"))
    uploaded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    file = models.FileField(upload_to="social/%Y/%m/")
    original_name = models.CharField(_("file"), max_length=255)
    headers = models.JSONField(default=list)
    columns = models.JSONField(_("column mapping"), default=dict, blank=True)
    status = models.CharField(max_length=10, choices=Status, default=Status.MAPPING)
    created = models.PositiveIntegerField(default=0)
    updated = models.PositiveIntegerField(default=0)
    errors = models.JSONField(default=list, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at"]

    def __str__(self):
        return self.original_name

    def get_absolute_url(self):
        return reverse("social:post_import_detail", args=[self.pk])


class KeywordRule(models.Model):
    """What listening looks for on behalf of an advertiser: any keyword, none of the exclusions."""

    account = models.ForeignKey(Account, on_delete=models.PROTECT, related_name="keyword_rules",
                                verbose_name=_("account"))
    keywords = models.TextField(_("keywords"), help_text=_("One per line or separated by commas."))
    exclusions = models.TextField(_("exclusions"), blank=True,
                                  help_text=_("A mention containing any of these is ignored."))
    is_active = models.BooleanField(_("active"), default=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["account", "pk"]

    def __str__(self):
        return self.keywords[:60]

    def keyword_list(self):
        return _terms(self.keywords)

    def exclusion_list(self):
        return _terms(self.exclusions)


def _terms(text):
    return [term.strip().casefold() for term in (text or "").replace("，", ",").replace("\n", ",").split(",")
            if term.strip()]


class Mention(UgcFields, NeverDeleted):
    """A comment on the brand's post or a public mention of the brand. Kept for good."""

    class Kind(models.TextChoices):
        COMMENT = "comment", _("Comment on our post")
        MENTION = "mention", _("Mention")

    account = models.ForeignKey(Account, on_delete=models.PROTECT, related_name="mentions",
                                verbose_name=_("account"))
    kind = models.CharField(_("kind"), max_length=8, choices=Kind)
    platform = models.CharField(_("platform"), max_length=20, choices=SocialPlatform)
    external_id = models.CharField(_("ID on the platform"), max_length=100)
    post = models.ForeignKey(Post, on_delete=models.PROTECT, null=True, blank=True, related_name="mentions",
                             verbose_name=_("post"))
    author = models.CharField(_("author"), max_length=150, blank=True)
    text = models.TextField(_("text"))
    url = models.URLField(_("link"), blank=True, max_length=500)
    published_at = models.DateTimeField(_("published"))
    sentiment = models.CharField(_("sentiment"), max_length=10, choices=Feedback.Sentiment)
    sentiment_is_manual = models.BooleanField(default=False)
    matched_keywords = models.JSONField(default=list, blank=True)
    feedback = models.OneToOneField(Feedback, on_delete=models.PROTECT, null=True, blank=True,
                                    related_name="mention", verbose_name=_("feedback item"))
    ingested_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-published_at"]
        constraints = [models.UniqueConstraint(fields=["account", "platform", "external_id"],
                                               name="mention_unique_per_account")]
        indexes = [models.Index(fields=["account", "-published_at"])]
        verbose_name = _("mention")
        verbose_name_plural = _("mentions")

    def __str__(self):
        return f"{self.get_platform_display()} · {self.author or self.external_id}"

    def get_absolute_url(self):
        return reverse("social:mention_detail", args=[self.pk])


class SentimentCorrection(NeverDeleted):
    """A person corrected the analyser: kept and counted, the measure of how far to trust it."""

    mention = models.ForeignKey(Mention, on_delete=models.PROTECT, related_name="corrections")
    was = models.CharField(max_length=10, choices=Feedback.Sentiment)
    now = models.CharField(max_length=10, choices=Feedback.Sentiment)
    corrected_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    corrected_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-corrected_at"]


class Experiment(models.Model):
    """An A/B test between post variants on one metric, decided by a person once the data speaks."""

    class Metric(models.TextChoices):
        CTR = "ctr", _("Click-through rate")
        ENGAGEMENT_RATE = "engagement_rate", _("Engagement rate")
        CONVERSION_RATE = "conversion_rate", _("Conversion rate")

    class Decision(models.TextChoices):
        PENDING = "", _("Not decided")
        ADOPT = "adopt", _("Adopt the winner")
        KEEP_CONTROL = "keep_control", _("Keep the control")
        INCONCLUSIVE = "inconclusive", _("Stopped without a winner")

    account = models.ForeignKey(Account, on_delete=models.PROTECT, related_name="experiments",
                                verbose_name=_("account"))
    name = models.CharField(_("name"), max_length=150)
    hypothesis = models.TextField(_("hypothesis"), blank=True)
    metric = models.CharField(_("metric"), max_length=20, choices=Metric)
    min_sample = models.PositiveIntegerField(
        _("minimum sample per variant"), default=1000,
        help_text=_("Impressions (or clicks, for conversion rate) each variant needs before a verdict."))
    decision = models.CharField(_("decision"), max_length=14, choices=Decision, blank=True, default="")
    winner = models.ForeignKey("Variant", on_delete=models.PROTECT, null=True, blank=True, related_name="+",
                               verbose_name=_("winner"))
    decision_note = models.TextField(_("why"), blank=True)
    decided_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True,
                                   blank=True, related_name="+")
    decided_at = models.DateTimeField(null=True, blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    archived_at = models.DateTimeField(_("archived"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("A/B test")
        verbose_name_plural = _("A/B tests")

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("social:experiment_detail", args=[self.pk])


class Variant(models.Model):
    """One arm of an experiment: the posts or creatives that carry it. The first is the control."""

    experiment = models.ForeignKey(Experiment, on_delete=models.CASCADE, related_name="variants")
    label = models.CharField(_("label"), max_length=60)
    posts = models.ManyToManyField(Post, related_name="variants", blank=True, verbose_name=_("posts"))
    creative_label = models.CharField(
        _("creative variant label"), max_length=60, blank=True,
        help_text=_("Every post of the account with this creative variant label counts for this arm."))

    class Meta:
        ordering = ["experiment", "pk"]

    def __str__(self):
        return self.label
