"""Forms laid out as table rows, one form per row, where the column header is the only visible label."""

from django import template
from django.utils.text import capfirst
from django.utils.translation import gettext as _

register = template.Library()


@register.filter
def in_row(field):
    """The field's widget named after its column and row, `{{ row.title|in_row }}` -> aria-label
    "Title, row 2", so a screen reader says which cell it is in (the row from the form's prefix)."""
    index = (field.form.prefix or "").rsplit("-", 1)[-1]
    name = capfirst(field.label)
    if index.isdigit():
        name = _("%(column)s, row %(number)s") % {"column": name, "number": int(index) + 1}
    return field.as_widget(attrs={"aria-label": name})
