"""KPI definitions, in one place. Every rollup, dashboard, export and test derives KPIs from here.

Each KPI is a ratio of additive sums, so it is computed *after* summing (rates do not add up).
A zero denominator gives None ("no data"), never an error and never a misleading 0.

| KPI              | formula                                        | unit            |
| ---------------- | ---------------------------------------------- | --------------- |
| ctr              | clicks / impressions                           | percent         |
| cvr              | conversions / clicks                           | percent         |
| cpc              | spend / clicks                                 | currency        |
| cpm              | spend / impressions x 1000                     | currency        |
| cpa              | spend / conversions                            | currency        |
| roi              | (revenue - spend) / spend x 100                | percent, signed |
| roas             | revenue / spend                                | multiple (x)    |
| engagement_rate  | (likes + comments + shares) / impressions      | percent         |
| follower_growth  | follows (new followers in the period)          | count           |
| share_rate       | shares / impressions                           | percent         |

The one notation, used by targets (entered as shown), pages, signals, notifications, reports,
exports and the API: ROI is profit over spend in percent (+50 % = earned 1.5 times the spend),
ROAS is revenue over spend as a multiple (1.50×). So ROI 50 % and ROAS 1.50× say the same thing.

Units: "percent" values are already multiplied by 100 (2.5 means 2.5 %, ROI 50 means +50 %);
"currency" values are in the alliance's reporting currency (rollups convert at each day's rate);
"multiple" values are plain ratios written with × (ROAS 1.5 means 1.50×); "count" is a number.

`better` says which way a value should move: higher for most, lower for CPC, CPM and CPA, and no
direction for spend (spending more is neither good nor bad). `verdict` turns a change into "good"
or "bad" with it, and every page colours changes by that verdict, never by the arrow's sign.

Period-over-period change (`change`) is relative: (now - before) / |before|, None when there is
nothing to compare against. Rollups store only the additive counters; every reader derives KPIs
from summed counters with `compute` / `compute_all`.
"""

from dataclasses import dataclass
from decimal import Decimal

from django.utils.translation import gettext_lazy as _

COUNTERS = (
    "impressions", "reach", "clicks", "conversions", "spend", "revenue",
    "likes", "comments", "shares", "follows",
)


@dataclass(frozen=True)
class Kpi:
    code: str
    label: str
    unit: str  # "percent", "currency", "multiple" or "count"
    higher_is_better: bool


def _ratio(numerator, denominator, scale=1):
    if not denominator:
        return None
    return Decimal(numerator) * scale / Decimal(denominator)


def ctr(s):
    return _ratio(s["clicks"], s["impressions"], 100)


def cvr(s):
    return _ratio(s["conversions"], s["clicks"], 100)


def cpc(s):
    return _ratio(s["spend"], s["clicks"])


def cpm(s):
    return _ratio(s["spend"], s["impressions"], 1000)


def cpa(s):
    return _ratio(s["spend"], s["conversions"])


def roi(s):
    return _ratio(Decimal(s["revenue"]) - Decimal(s["spend"]), s["spend"], 100)


def roas(s):
    return _ratio(s["revenue"], s["spend"])


def engagement_rate(s):
    return _ratio(s["likes"] + s["comments"] + s["shares"], s["impressions"], 100)


def follower_growth(s):
    return Decimal(s["follows"])


def share_rate(s):
    return _ratio(s["shares"], s["impressions"], 100)


KPIS = {
    "ctr": (Kpi("ctr", _("CTR"), "percent", True), ctr),
    "cvr": (Kpi("cvr", _("CVR"), "percent", True), cvr),
    "cpc": (Kpi("cpc", _("CPC"), "currency", False), cpc),
    "cpm": (Kpi("cpm", _("CPM"), "currency", False), cpm),
    "cpa": (Kpi("cpa", _("CPA"), "currency", False), cpa),
    "roi": (Kpi("roi", _("ROI"), "percent", True), roi),
    "roas": (Kpi("roas", _("ROAS"), "multiple", True), roas),
    "engagement_rate": (Kpi("engagement_rate", _("Engagement rate"), "percent", True), engagement_rate),
    "follower_growth": (Kpi("follower_growth", _("Follower growth"), "count", True), follower_growth),
    "share_rate": (Kpi("share_rate", _("Share rate"), "percent", True), share_rate),
}
KPI_CHOICES = [(code, kpi.label) for code, (kpi, _fn) in KPIS.items()]


def compute(code, sums):
    """One KPI from a mapping of summed counters."""
    return KPIS[code][1](_filled(sums))


def compute_all(sums):
    filled = _filled(sums)
    return {code: fn(filled) for code, (_kpi, fn) in KPIS.items()}


def change(now, before):
    """Relative change from `before` to `now` (0.1 = +10 %), None without a base to compare."""
    if now is None or not before:
        return None
    return (Decimal(now) - Decimal(before)) / abs(Decimal(before))


# Reach is not additive: a person reached on two days, or through two publishers, counts twice in
# a sum. Rollups can only add, so what they hold under "reach" is each day's reach summed; every
# output names it that way and never presents it as the period's reach.
SUMMED_NAMES = {"reach": "reach_daily_sum"}
SUMMED_LABELS = {"reach": _("Daily reach, summed")}


def public_name(counter):
    """The name a summed counter goes by outside the rollups (exports, API)."""
    return SUMMED_NAMES.get(counter, counter)


# Which way each counter should move; KPIs carry theirs in Kpi.higher_is_better.
COUNTER_BETTER = {"spend": None, **{name: True for name in COUNTERS if name != "spend"}}


def better(code):
    """True when higher is better, False when lower is better, None when neither."""
    if code in KPIS:
        return KPIS[code][0].higher_is_better
    return COUNTER_BETTER.get(code)


def verdict(code, change_value):
    """"good", "bad" or "" for a change of this KPI or counter (CPA down is good)."""
    direction = better(code)
    if direction is None or not change_value:
        return ""
    return "good" if (change_value > 0) == direction else "bad"


SIGNED = ("roi",)  # a loss must read as a loss


def unit_of(code):
    if code in KPIS:
        return KPIS[code][0].unit
    return "currency" if code in ("spend", "revenue") else "count"


def notation(code, value):
    """The plain-text notation of a KPI or counter ("+50.0 %", "1.50×", "12.30", "1,234"), for
    places without templates (signals, notifications, emails); templates add locale grouping."""
    if value is None:
        return "–"
    value = Decimal(value)
    unit = unit_of(code)
    if unit == "percent":
        return f"{value:+.1f} %" if code in SIGNED else f"{value:.2f} %"
    if unit == "multiple":
        return f"{value:.2f}×"
    if unit == "currency":
        return f"{value:,.2f}"
    return f"{value:,.0f}"


def _filled(sums):
    return {name: sums.get(name) or 0 for name in COUNTERS}
