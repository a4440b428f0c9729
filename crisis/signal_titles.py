"""A warning signal's title, worded from its evidence: the rules call it when they find a problem,
and the migration that introduced titles in the reader's language called it for the signals
raised before, so their titles are translated too. It reads plain data only (no models)."""

from decimal import Decimal

from socialcrm import messages


def title_data(kind, evidence, *, campaign="", account=""):
    """`socialcrm.messages.deferred(...)` for a signal of rule kind `kind`; {} if the evidence
    does not hold what the title needs (then the stored text is shown)."""
    try:
        return _TITLES[kind](evidence, str(campaign), str(account))
    except (KeyError, TypeError, ArithmeticError):
        return {}


def _kpi_below_target(e, campaign, _account):
    return messages.deferred(
        "signal_kpi_below_target", kpi=messages.kpi(e["kpi"]), value=messages.kpi_value(e["kpi"], e["value"]),
        status=messages.status(e["status"]), direction={"choice": "campaigns.KpiTarget.direction",
                                                        "value": e["direction"]},
        target=messages.kpi_value(e["kpi"], e["target"]), campaign=campaign)


def _kpi_drop(e, campaign, _account):
    return messages.deferred(
        "signal_kpi_drop", kpi=messages.kpi(e["kpi"]), value=messages.kpi_value(e["kpi"], e["value"]),
        baseline=messages.kpi_value(e["kpi"], e["baseline"]), change=fmt(e["change_pct"]), campaign=campaign)


def _budget_overspend(e, campaign, _account):
    return messages.deferred("signal_budget_overspend", spend=fmt(e["spend"]), used=fmt(e["used_pct"]),
                             budget=fmt(e["budget"]), currency=e["currency"], campaign=campaign)


def _key_milestone_overdue(e, campaign, _account):
    return messages.deferred("signal_key_milestone_overdue", step=e["milestone"], days=int(e["days_overdue"]),
                             campaign=campaign)


def _negative_feedback(e, _campaign, account):
    return messages.deferred("signal_negative_feedback", count=int(e["negative"]), days=int(e["window_days"]),
                             baseline=fmt(e["baseline_per_window"]), account=account)


def _sla_breaches(e, _campaign, account):
    return messages.deferred("signal_sla_breaches", count=int(e["breaches"]), days=int(e["window_days"]),
                             account=account)


def _mention_spike(e, _campaign, account):
    return messages.deferred("signal_mention_spike", count=int(e["mentions"]), hours=int(e["window_hours"]),
                             baseline=fmt(e["baseline_per_window"]), account=account)


def _negative_share_rise(e, _campaign, account):
    return messages.deferred("signal_negative_share_rise", share=fmt(Decimal(str(e["negative_share"])) * 100),
                             days=int(e["window_days"]), baseline=fmt(Decimal(str(e["baseline_share"])) * 100),
                             account=account)


_TITLES = {
    "kpi_below_target": _kpi_below_target, "kpi_drop": _kpi_drop, "budget_overspend": _budget_overspend,
    "key_milestone_overdue": _key_milestone_overdue, "negative_feedback": _negative_feedback,
    "sla_breaches": _sla_breaches, "mention_spike": _mention_spike, "negative_share_rise": _negative_share_rise,
}


def fmt(value):
    """A number as the titles write it: at most two decimals, no trailing zeros."""
    return "–" if value is None else f"{Decimal(str(value)):.2f}".rstrip("0").rstrip(".")
