"""Objects -> JSON-ready dicts. Money is a decimal string (exact); KPIs are numbers or null."""

from decimal import Decimal

from reports.kpis import COUNTERS, KPIS, compute_all, public_name

MONEY = ("spend", "revenue")
KPI_DECIMALS = 6


def campaign_summary(campaign):
    return {
        "id": campaign.pk,
        "name": campaign.name,
        "status": campaign.status,
        "objective": campaign.objective,
        "advertiser": {"id": campaign.advertiser_id, "name": campaign.advertiser.name},
        "platforms": list(campaign.platforms),
        "currency": campaign.currency,
        "budget": str(campaign.budget),
        "start_on": campaign.start_on.isoformat(),
        "launch_on": campaign.launch_on.isoformat(),
        "end_on": campaign.end_on.isoformat(),
        "archived": campaign.archived_at is not None,
    }


def campaign_detail(campaign):
    return {
        **campaign_summary(campaign),
        "goals": campaign.goals,
        "publishers": [{"id": account.pk, "name": account.name} for account in campaign.publishers.all()],
        "kpi_targets": [kpi_target(target) for target in campaign.kpi_targets.all()],
    }


def kpi_target(target):
    return {"kpi": target.kpi, "direction": target.direction, "target": str(target.target),
            "at_risk_threshold": str(target.at_risk_threshold)}


def counters(sums):
    return {public_name(name): _counter(name, sums.get(name) or 0) for name in COUNTERS}


def kpis(sums, targets=None):
    """{code: {value, unit, target, status}}; `target`/`status` only where the campaign set one."""
    targets = targets or {}
    values = compute_all(sums)
    result = {}
    for code, (kpi, _fn) in KPIS.items():
        value = values[code]
        entry = {"value": None if value is None else round(float(value), KPI_DECIMALS), "unit": kpi.unit}
        if code in targets:
            entry |= {"target": kpi_target(targets[code]), "status": targets[code].status_of(value)}
        result[code] = entry
    return result


def feedback(item):
    return {
        "id": item.pk,
        "source": item.source,
        "account": item.account_id,
        "campaign": item.campaign_id,
        "kind": item.kind,
        "rating": item.rating,
        "nps": item.nps,
        "sentiment": item.sentiment,
        "priority": item.priority,
        "status": item.status,
        "owner": item.owner_id,
        "received_at": item.received_at.isoformat(),
        "respond_by": item.respond_by.isoformat(),
    }


def _counter(name, value):
    return f"{Decimal(value):.2f}" if name in MONEY else int(value)
