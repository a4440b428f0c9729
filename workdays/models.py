from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class CalendarOverride(models.Model):
    """A day the holiday library gets wrong for us: an extra day off, or a day worked after all."""

    day = models.DateField(_("day"), unique=True)
    is_working_day = models.BooleanField(
        _("working day"), default=False,
        help_text=_("Ticked: people work that day (e.g. a make-up working day). "
                    "Unticked: nobody works that day."),
    )
    name = models.CharField(_("reason"), max_length=100)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True,
                                   blank=True, related_name="+", verbose_name=_("entered by"))
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["day"]
        verbose_name = _("calendar override")
        verbose_name_plural = _("calendar overrides")

    def __str__(self):
        return f"{self.day:%Y-%m-%d} {self.name}"
