"""ISO 4217 currencies in use today, named in the reader's language (Babel's CLDR data).

The codes are the legal tender of some territory today (withdrawn ones such as ADP are left
out), fixed at import; the names are looked up when a choice is rendered,
so a Chinese reader sees 美元 and an English one US Dollar for the same stored "USD".
"""

from babel import Locale
from babel.numbers import get_currency_name, get_territory_currencies
from django import forms
from django.utils.functional import lazy
from django.utils.translation import get_language, to_locale

DEFAULT_CURRENCY = "CNY"


def _codes_in_use():
    codes = set()
    for territory in Locale("en").territories:
        codes.update(get_territory_currencies(territory))
    return tuple(sorted(codes))


CODES = _codes_in_use()


def currency_name(code):
    try:
        return get_currency_name(code, locale=to_locale(get_language() or "en"))
    except (ValueError, LookupError):
        return get_currency_name(code, locale="en")


def _label(code):
    return f"{code} · {currency_name(code)}"


label = lazy(_label, str)
CHOICES = [(code, label(code)) for code in CODES]


def is_currency(code):
    return code in CODES


class CurrencyField(forms.ChoiceField):
    """An ISO 4217 choice that also accepts lower case ("usd") as typed or imported."""

    def __init__(self, **kwargs):
        kwargs.setdefault("choices", CHOICES)
        super().__init__(**kwargs)

    def to_python(self, value):
        return super().to_python(value).strip().upper()
