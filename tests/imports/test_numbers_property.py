"""Any amount written in any convention a platform uses reads back exactly (Decimal)."""

from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from imports.reader.numbers import COMMA, POINT, parse_number

amounts = st.decimals(min_value=0, max_value=Decimal("999999999.99"), places=2, allow_nan=False,
                      allow_infinity=False)
FAST = settings(max_examples=200, deadline=None)


def grouped(amount, thousands, decimal):
    whole, _, fraction = f"{amount:.2f}".partition(".")
    groups = f"{int(whole):,}".replace(",", thousands)
    return f"{groups}{decimal}{fraction}"


@FAST
@given(amount=amounts, convention=st.sampled_from([(",", ".", POINT), (".", ",", COMMA), (" ", ",", COMMA),
                                                  ("\u00a0", ",", COMMA), ("", ".", POINT), ("", ",", COMMA)]),
       currency=st.sampled_from(["", "¥", "￥", "$", "€", "CNY "]))
def test_grouped_amounts_read_back_exactly(amount, convention, currency):
    thousands, decimal, mark = convention
    assert parse_number(currency + grouped(amount, thousands, decimal), mark) == amount


@FAST
@given(amount=st.decimals(min_value=0, max_value=Decimal("99999.9999"), places=4, allow_nan=False,
                          allow_infinity=False),
       unit=st.sampled_from([("万", 4), ("亿", 8), ("K", 3), ("M", 6), ("%", -2)]))
def test_unit_suffixes_read_back_exactly(amount, unit):
    suffix, power = unit
    assert parse_number(f"{amount}{suffix}", POINT) == amount.scaleb(power)
    assert parse_number(f"{amount}".replace(".", ",") + suffix, COMMA) == amount.scaleb(power)


@pytest.mark.parametrize("text, mark, expected", [
    ("3.500,64", COMMA, Decimal("3500.64")), ("12,50", COMMA, Decimal("12.5")),
    ("1 234,56", COMMA, Decimal("1234.56")), ("(1,234.50)", POINT, Decimal("-1234.5")),
    ("-", POINT, None), ("--", POINT, None), ("", POINT, None), ("1.5万", POINT, Decimal("15000")),
])
def test_examples_from_real_exports(text, mark, expected):
    assert parse_number(text, mark) == expected


@pytest.mark.parametrize("text, mark", [("1,2,3", POINT), ("12 34", POINT), ("1.234,5", POINT),
                                        ("abc", POINT), ("1,234.5", COMMA)])
def test_malformed_or_wrong_convention_numbers_are_refused(text, mark):
    with pytest.raises(ValueError):
        parse_number(text, mark)


@FAST
@given(amounts=st.lists(amounts, min_size=1, max_size=20),
       convention=st.sampled_from([(",", ".", POINT), (".", ",", COMMA), ("", ".", POINT), (" ", ",", COMMA)]),
       currency=st.sampled_from(["", "¥", "$"]))
def test_whole_cents_of_a_column_are_exact_on_the_fast_path_too(amounts, convention, currency):
    import pandas as pd

    from imports.reader.numbers import whole_numbers

    thousands, decimal, mark = convention
    cells = pd.Series([currency + grouped(amount, thousands, decimal) for amount in amounts], dtype=object)
    result = whole_numbers(cells, mark, 2)
    assert list(result["number"]) == [int(amount * 100) for amount in amounts]
    assert not result["bad"].any()


def test_a_number_too_large_to_store_is_refused_never_wrapped_around():
    import pandas as pd

    from imports.reader.numbers import POINT, whole_numbers

    cells = pd.Series(["12", "99999999999999999999", "1.5e308", "123456789012345678"])
    result = whole_numbers(cells, POINT, 2)
    assert list(result["number"][:1]) == [1200]
    assert list(result["bad"]) == [False, True, True, True]
