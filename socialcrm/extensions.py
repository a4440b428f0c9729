"""Extension points through which apps contribute to shared pages without knowing each other.

| hook                 | module in an app      | function                                  | returns                 |
| -------------------- | --------------------- | ----------------------------------------- | ----------------------- |
| home page panels     | `<app>/home.py`       | `panels(request)`                         | list of `Panel`         |
| account page panels  | `<app>/account_page.py` | `panels(request, account)`              | list of `Panel`         |
| campaign page panels | `<app>/campaign_page.py` | `panels(request, campaign)`            | list of `Panel`         |
| account timeline     | `<app>/timeline.py`   | `events_for_account(account, *, user, before, limit)` | list of `TimelineEvent` |

Apps without the module are skipped. Callers pass objects the user may already see; a provider
lists only what that user may see of them (socialcrm.visibility), e.g. not every campaign of an
account.
"""

from dataclasses import dataclass, field
from datetime import datetime
from importlib import import_module

from django.utils.translation import pgettext_lazy

APPS = ("accounts", "campaigns", "feedback", "crisis", "reports", "notifications", "governance",
        "training", "social")


@dataclass
class Panel:
    title: str
    template: str
    context: dict = field(default_factory=dict)
    order: int = 50


# The tag each kind of timeline event shows, in the reader's language (the kind is a code).
TIMELINE_KIND_LABELS = {
    "meeting": pgettext_lazy("timeline event", "Meeting"),
    "action_item": pgettext_lazy("timeline event", "Action item"),
    "campaign": pgettext_lazy("timeline event", "Campaign"),
    "milestone": pgettext_lazy("timeline event", "Milestone"),
    "feedback": pgettext_lazy("timeline event", "Feedback"),
    "signal": pgettext_lazy("timeline event", "Warning signal"),
    "incident": pgettext_lazy("timeline event", "Incident"),
}


@dataclass(frozen=True)
class TimelineEvent:
    at: datetime
    kind: str  # a key of TIMELINE_KIND_LABELS
    title: str
    url: str = ""
    detail: str = ""
    actor: str = ""

    @property
    def kind_label(self):
        """The kind as a reader names it ("Action item" / "行动项"), never the code."""
        return str(TIMELINE_KIND_LABELS.get(self.kind, self.kind))


def collect(module_name, function_name, *args, **kwargs):
    results = []
    for app in APPS:
        try:
            module = import_module(f"{app}.{module_name}")
        except ModuleNotFoundError as error:
            if error.name != f"{app}.{module_name}":
                raise
            continue
        results.extend(getattr(module, function_name)(*args, **kwargs))
    return results


def home_panels(request):
    return sorted(collect("home", "panels", request), key=lambda panel: panel.order)


def account_panels(request, account):
    return sorted(collect("account_page", "panels", request, account), key=lambda panel: panel.order)


def campaign_panels(request, campaign):
    return sorted(collect("campaign_page", "panels", request, campaign), key=lambda panel: panel.order)


def account_timeline(account, *, user, before=None, limit=30, kinds=None):
    """The newest `limit` events before `before`, of the given kinds (all when None).

    Each provider returns its own newest `limit` events, so filtering by kind afterwards still
    yields the true newest `limit` of that kind.
    """
    events = collect("timeline", "events_for_account", account, user=user, before=before,
                     limit=limit)
    if kinds is not None:
        events = [event for event in events if event.kind in kinds]
    return sorted(events, key=lambda event: event.at, reverse=True)[:limit]
