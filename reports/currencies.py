"""The reporting currency and dated exchange rates: who may change them, how they are entered
(one by one, over a range of days, or from a CSV), and which rates the rollups still lack.

A rate converts only the facts of its own day. After any change the rollups of the affected
days are refreshed, so every total reads converted money from the rollups alone.
"""

from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal, InvalidOperation

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import Q
from django.utils.translation import gettext as _

from audit.services import record
from imports import rejected
from imports.reader.plain import read_rows
from imports.reader.report import row_error
from reports.models import ExchangeRate, ReportingCurrency, Rollup
from reports.periods import ranges_of
from socialcrm import currencies

RATE_COLUMNS = ("date", "currency", "rate")
MAX_RANGE_DAYS = 366


def reporting_currency():
    setting = ReportingCurrency.objects.filter(pk=1).values_list("currency", flat=True).first()
    return setting or currencies.DEFAULT_CURRENCY


from socialcrm.visibility import can_manage_rates  # noqa: E402 - beside the check that uses it


def require_rate_manager(user):
    if not can_manage_rates(user):
        raise PermissionDenied


def set_reporting_currency(*, actor, currency, request=None):
    """Make `currency` the one every total is shown in; rebuilds the rollups after commit."""
    require_rate_manager(actor)
    if not currencies.is_currency(currency):
        raise ValueError(currency)
    with transaction.atomic():
        before = reporting_currency()
        setting, _created = ReportingCurrency.objects.update_or_create(pk=1, defaults={"currency": currency})
        record(actor=actor, action="reports.reporting_currency", target=setting,
               changes={"currency": [before, currency]}, request=request)
        if before != currency:
            _rebuild_after_commit()
    return setting


def record_rates(*, actor, rates, request=None, source="form"):
    """Store (day, currency, rate) triples against today's reporting currency, replacing the same
    day's earlier rate, and refresh the rollups of those days. Returns how many were stored."""
    require_rate_manager(actor)
    quote = reporting_currency()
    with transaction.atomic():
        for day, currency, rate in rates:
            ExchangeRate.objects.update_or_create(day=day, currency=currency, quote=quote,
                                                  defaults={"rate": rate})
        record(actor=actor, action="reports.exchange_rates", changes={
            "source": source, "quote": quote, "count": len(rates),
            "rates": [[day.isoformat(), currency, str(rate)] for day, currency, rate in rates[:50]]},
            request=request)
        _refresh_after_commit({currency for _day, currency, _rate in rates}, [day for day, _c, _r in rates])
    return len(rates)


def rate_over_days(*, actor, currency, first, last, rate, request=None):
    """One rate for every day from `first` to `last` (e.g. a month's agreed rate)."""
    days = [first + timedelta(days=n) for n in range((last - first).days + 1)]
    return record_rates(actor=actor, rates=[(day, currency, rate) for day in days], request=request)


@dataclass(frozen=True)
class RateImport:
    stored: int
    errors: list  # {line, column, reason}, as every import reports
    rejected_url: str = ""  # "download the rejected rows", as every import offers


def import_rates(*, actor, uploaded_file, request=None):
    """A CSV with columns date, currency, rate: all rows stored, or none with every bad line named."""
    require_rate_manager(actor)
    table = read_rows(uploaded_file, required_columns=RATE_COLUMNS)
    rates, errors = [], list(table.errors)
    for row in table.rows:
        parsed = _parse_rate(row.values)
        if isinstance(parsed[0], str):
            errors.append(row_error(row.line, *parsed))
        else:
            rates.append(parsed)
    if errors:
        errors.sort(key=lambda error: error["line"])
        return RateImport(0, errors, rejected.remember(actor, "exchange-rates", table.header, table.cells, errors))
    if not rates:
        return RateImport(0, [row_error(1, "", _("The file holds no rates."))])
    return RateImport(record_rates(actor=actor, rates=rates, request=request, source="csv"), [])


def _parse_rate(values):
    """(day, currency, rate), or (column, message) saying what is wrong with this line."""
    try:
        day = date.fromisoformat(values.get("date", ""))
    except ValueError:
        return "date", _("The date must look like 2026-03-31.")
    currency = values.get("currency", "").upper()
    if not currencies.is_currency(currency):
        return "currency", _("%(code)s is not an ISO 4217 currency code.") % {"code": currency or "–"}
    try:
        rate = Decimal(values.get("rate", "").replace(",", ""))
    except InvalidOperation:
        return "rate", _("The rate must be a number.")
    if not rate.is_finite() or rate <= 0 or rate.as_tuple().exponent < -8:
        return "rate", _("The rate must be a positive number with at most eight decimals.")
    return day, currency, rate


def missing_rates(advertiser_ids, windows):
    """[{currency, ranges: [(first, last)], facts}] of facts left unconverted in any of the
    (start, end) windows. Read from the campaign grain's day rollups (a partial index holds
    only such rows)."""
    from campaigns.models import Campaign

    days = Q(pk__in=[])
    for start, end in windows:
        days |= Q(period_start__range=(start, end))
    rows = (Rollup.objects.filter(days, grain=Rollup.Grain.CAMPAIGN, period=Rollup.Period.DAY,
                                  unconverted__gt=0, advertiser_id__in=advertiser_ids)
            .values_list("campaign_id", "period_start", "unconverted"))
    rows = list(rows)
    currency_of = dict(Campaign.objects.filter(pk__in={row[0] for row in rows}).values_list("pk", "currency"))
    days, facts = {}, {}
    for campaign_id, day, count in rows:
        currency = currency_of.get(campaign_id, "?")
        days.setdefault(currency, set()).add(day)
        facts[currency] = facts.get(currency, 0) + count
    return [{"currency": currency, "ranges": ranges_of(days[currency]), "facts": facts[currency]}
            for currency in sorted(days)]


def rates_page_rows(limit=200):
    return ExchangeRate.objects.all()[:limit]


def _refresh_after_commit(currency_codes, days):
    from campaigns.models import Campaign
    from reports.tasks import refresh_rollups

    advertisers = sorted(set(Campaign.objects.filter(currency__in=currency_codes)
                             .values_list("advertiser_id", flat=True)))
    if advertisers and days:
        ranges = [(first.isoformat(), last.isoformat()) for first, last in ranges_of(days)]
        refresh_rollups.delay_on_commit(advertisers, ranges)


def _rebuild_after_commit():
    from reports.tasks import rebuild_rollups

    rebuild_rollups.delay_on_commit()
