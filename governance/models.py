"""Governance checklists per advertiser, the templates they come from, and staff policies."""

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from accounts.models import Account
from governance.shipped import TEMPLATES, shipped_label
from socialcrm.attachments import validate_attachment


class ChecklistTemplate(models.Model):
    code = models.CharField(max_length=40, blank=True, editable=False)
    name = models.CharField(_("name"), max_length=200)
    created_at = models.DateTimeField(auto_now_add=True)
    archived_at = models.DateTimeField(_("archived"), null=True, blank=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("checklist template")
        verbose_name_plural = _("checklist templates")

    def __str__(self):
        return str(TEMPLATES.get(self.code, self.name))

    def get_absolute_url(self):
        return reverse("governance:template_edit", args=[self.pk])


class TemplateItem(models.Model):
    template = models.ForeignKey(ChecklistTemplate, on_delete=models.CASCADE, related_name="items")
    code = models.CharField(max_length=20, blank=True, editable=False)
    title = models.CharField(_("item"), max_length=300)
    position = models.PositiveSmallIntegerField(default=0)
    archived_at = models.DateTimeField(_("archived"), null=True, blank=True)

    class Meta:
        ordering = ["position", "pk"]
        verbose_name = _("checklist item")
        verbose_name_plural = _("checklist items")

    def __str__(self):
        return str(shipped_label(self.code) or self.title)


class Checklist(models.Model):
    """One advertiser's run through a template: an entry per item, with status and evidence."""

    account = models.ForeignKey(Account, on_delete=models.PROTECT, related_name="checklists")
    template = models.ForeignKey(ChecklistTemplate, on_delete=models.PROTECT, related_name="+")
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["account", "template"],
                                               name="one_checklist_per_template")]
        verbose_name = _("checklist")
        verbose_name_plural = _("checklists")

    def __str__(self):
        return f"{self.template} · {self.account}"

    def get_absolute_url(self):
        return reverse("governance:checklist_detail", args=[self.pk])


class Entry(models.Model):
    class Status(models.TextChoices):
        TODO = "todo", _("To do")
        IN_PROGRESS = "in_progress", _("In progress")
        DONE = "done", _("In place")
        NOT_APPLICABLE = "not_applicable", _("Not applicable")

    checklist = models.ForeignKey(Checklist, on_delete=models.CASCADE, related_name="entries")
    item = models.ForeignKey(TemplateItem, on_delete=models.PROTECT, related_name="+")
    status = models.CharField(_("status"), max_length=20, choices=Status, default=Status.TODO)
    owner = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True,
                              blank=True, related_name="+", verbose_name=_("owner"))
    evidence_url = models.URLField(_("evidence link"), blank=True)
    evidence_file = models.FileField(_("evidence file"), upload_to="governance/evidence/%Y/%m/",
                                     blank=True, validators=[validate_attachment])
    review_on = models.DateField(_("review on"), null=True, blank=True)
    note = models.CharField(_("note"), max_length=300, blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["item__position", "item__pk"]
        verbose_name = _("checklist entry")
        verbose_name_plural = _("checklist entries")

    def __str__(self):
        return str(self.item)

    @property
    def review_is_due(self):
        return self.review_on is not None and self.review_on <= timezone.localdate()


class Policy(models.Model):
    """A social-media policy staff must read; a new version asks everyone again."""

    title = models.CharField(_("title"), max_length=200)
    body = models.TextField(_("policy"))
    version = models.PositiveSmallIntegerField(_("version"), default=1)
    published_at = models.DateTimeField(_("published"), default=timezone.now)
    archived_at = models.DateTimeField(_("archived"), null=True, blank=True)

    class Meta:
        ordering = ["-published_at"]
        verbose_name = _("social-media policy")
        verbose_name_plural = _("social-media policies")

    def __str__(self):
        return f"{self.title} (v{self.version})"

    def get_absolute_url(self):
        return reverse("governance:policy_detail", args=[self.pk])


class Acknowledgement(models.Model):
    policy = models.ForeignKey(Policy, on_delete=models.PROTECT, related_name="acknowledgements")
    version = models.PositiveSmallIntegerField()
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["policy", "version", "user"],
                                               name="acknowledge_each_version_once")]
        verbose_name = _("acknowledgement")
        verbose_name_plural = _("acknowledgements")

    def __str__(self):
        return f"{self.user} · {self.policy} v{self.version}"
