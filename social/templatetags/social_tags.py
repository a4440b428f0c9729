from django import template
from django.utils.dates import WEEKDAYS
from django.utils.formats import number_format

register = template.Library()


@register.filter
def pct(value, digits=1):
    """0.0412 -> '4.1%' (localised), None -> '–'."""
    if value is None:
        return "–"
    return f"{number_format(value * 100, int(digits))}%"


@register.filter
def weekday_name(number):
    return WEEKDAYS[int(number)]


@register.filter
def heat(cell):
    """The CSS class of a heatmap cell: greyed without enough posts, else 10 shades."""
    if not cell.enough:
        return "heat-few" if cell.posts else "heat-none"
    return f"heat-{min(10, cell.shade // 10)}"
