"""Number formatting for KPIs by unit (reports.kpis, which defines the notation): percent,
currency, multiple (×), count; numbers grouped per the reader's locale."""

from decimal import Decimal

from django import template
from django.contrib.humanize.templatetags.humanize import intcomma
from django.template.defaultfilters import floatformat
from django.utils.translation import get_language

from reports import kpis as kpi_module
from reports.kpis import KPIS

register = template.Library()
UNITS = {code: kpi.unit for code, (kpi, _fn) in KPIS.items()}
NO_VALUE = "–"


@register.filter
def kpi(value, code):
    """A KPI value in its unit: `{{ value|kpi:"roi" }}` -> "+25.0 %", ROAS -> "1.25×"."""
    if code in kpi_module.SIGNED and value is not None:
        sign = "+" if value >= 0 else "-"
        return f"{sign}{floatformat(abs(Decimal(value)), '1g')} %"
    return by_unit(value, UNITS.get(code, "count"))


@register.filter
def by_unit(value, unit):
    if value is None:
        return NO_VALUE
    if unit == "percent":
        return f"{floatformat(value, '2g')} %"
    if unit == "multiple":
        return f"{floatformat(value, '2g')}×"
    if unit == "currency":
        return floatformat(value, "2g")
    return intcomma(int(value))


@register.filter
def roi_percent(value):
    """ROI as a signed percentage (25 -> +25.0 %)."""
    return kpi(value, "roi")


@register.filter
def change(value):
    """A relative change as a signed percentage with an arrow (0.1 -> ▲ 10.0 %)."""
    if value is None:
        return NO_VALUE
    arrow = "▲" if value > 0 else "▼" if value < 0 else "="
    return f"{arrow} {abs(Decimal(value)) * 100:.1f} %"


@register.filter
def points(value):
    """A difference of two percentages in percentage points (+5.0 pp)."""
    return NO_VALUE if value is None else f"{Decimal(value):+.1f} pp"


CHANGE_OF = {"spend_change": "spend", "roi_change": "roi"}


@register.filter
def cell_class(row, code):
    """The colour of a change cell, by the better direction of what changed."""
    return change_class(row.get(code), CHANGE_OF[code]) if code in CHANGE_OF else ""


@register.filter
def change_class(value, code):
    """"good" or "bad" by the KPI's better direction (CPA down is good, spend is neither)."""
    if value is None:
        return ""
    return kpi_module.verdict(code, value)


@register.filter
def money(value):
    return NO_VALUE if value is None else floatformat(value, "2g")


@register.filter
def headline_value(item):
    """One headline figure in its notation: money, ROI as %, ROAS as ×, counts grouped; large
    money and counts in the short form Chinese readers expect (万, 亿)."""
    code, value = item["code"], item["value"]
    if value is not None and (code in COUNT_COLUMNS or code in ("spend", "revenue")):
        short = short_number(value)
        if short is not None:
            return short
    return column({code: value}, code)


# Chinese counts large numbers in 万 (10⁴) and 亿 (10⁸), not in thousands and millions.
CHINESE_UNITS = ((Decimal(10) ** 8, "亿"), (Decimal(10) ** 4, "万"))


def short_number(value):
    """A large number in the reader's short form: "112.18万", "3.5亿" in Chinese; None where the
    full grouped number is the better read (English, and anything below 10,000)."""
    if not (get_language() or "").lower().startswith("zh"):
        return None
    value = Decimal(value)
    for size, unit in CHINESE_UNITS:
        if abs(value) >= size:
            text = floatformat((value / size).quantize(Decimal("0.01")), "-2g")
            return f"{text.rstrip('0').rstrip('.') if '.' in text else text}{unit}"
    return None


@register.filter(name="short_number")
def short_number_filter(value):
    """`{{ figure|short_number }}`: the Chinese 万/亿 short form, else the number grouped."""
    if value is None:
        return NO_VALUE
    return short_number(value) or floatformat(value, "-2g")


COUNT_COLUMNS = ("impressions", "reach", "clicks", "conversions", "likes", "comments", "shares", "follows")


@register.filter
def column(row, code):
    """One cell of a breakdown row, formatted for its column."""
    value = row.get(code)
    if code in COUNT_COLUMNS:
        return by_unit(value, "count")
    if code in ("spend", "revenue"):
        return money(value)
    if code == "spend_change":
        return change(value)
    if code == "roi_change":
        return points(value)
    if code in UNITS:
        return kpi(value, code)
    return value


@register.inclusion_tag("reports/_money_note.html")
def money_note():
    """"Amounts in CNY…": every page showing rolled-up money names the currency it is in."""
    from reports.currencies import reporting_currency

    return {"currency": reporting_currency()}
