"""Home-page panels. Each app contributes panels for the roles it serves.

A provider is `app.home.panels(request) -> list[Panel]`; apps without one are skipped.
"""

from dataclasses import dataclass, field
from importlib import import_module

PANEL_PROVIDERS = ("accounts", "campaigns", "feedback", "crisis", "reports", "notifications")


@dataclass
class Panel:
    title: str
    template: str
    context: dict = field(default_factory=dict)
    order: int = 50


def panels_for(request):
    collected = []
    for app in PANEL_PROVIDERS:
        try:
            module = import_module(f"{app}.home")
        except ModuleNotFoundError as error:
            if error.name != f"{app}.home":
                raise
            continue
        collected.extend(module.panels(request))
    return sorted(collected, key=lambda panel: panel.order)
