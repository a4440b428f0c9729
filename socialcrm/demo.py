"""Demo data: a living alliance for a newcomer's first screen and for load tests.

Each app that owns demo data has `<app>/demo.py` with `seed(ctx)`; they run in DEMO_ORDER
and share one `DemoContext`, so later apps can hang their records off earlier ones.
"""

import random
from dataclasses import dataclass, field
from datetime import date
from importlib import import_module

from django.utils import timezone

from socialcrm import demo_zh

DEMO_ORDER = ("accounts", "campaigns", "reports", "feedback", "crisis", "governance", "social", "portal")
DEMO_PASSWORD = "demo-pass-2026"  # noqa: S105 - documented demo login, seeded only on request


@dataclass
class DemoContext:
    language: str = "en"  # "zh": the alliance in Simplified Chinese (socialcrm.demo_zh)
    today: date = field(default_factory=timezone.localdate)
    rng: random.Random = field(default_factory=lambda: random.Random(2026))
    users: dict = field(default_factory=dict)
    advertisers: list = field(default_factory=list)
    publishers: list = field(default_factory=list)
    campaigns: list = field(default_factory=list)
    log: list = field(default_factory=list)

    @property
    def chinese(self):
        return self.language == "zh"

    def say(self, text):
        """A demo text in the demo's language (English texts are the keys of the Chinese ones)."""
        return demo_zh.TEXTS.get(text, text) if self.chinese else text


LANGUAGES = ("en", "zh")


def seed_all(ctx=None):
    ctx = ctx or DemoContext()
    for app in DEMO_ORDER:
        try:
            module = import_module(f"{app}.demo")
        except ModuleNotFoundError as error:
            if error.name != f"{app}.demo":
                raise
            continue
        module.seed(ctx)
    return ctx
