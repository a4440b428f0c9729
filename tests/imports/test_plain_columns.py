"""The bulk path for plain number columns (whole counts, amounts with two decimals) reads exactly
what the cell-by-cell parser reads, and hands anything else to it."""

import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from imports.reader.numbers import (
    COMMA,
    POINT,
    Evidence,
    parse_numbers,
    plain_column,
    whole_numbers,
)


@settings(max_examples=150, deadline=None)
@given(st.lists(st.integers(min_value=0, max_value=10**14), min_size=1, max_size=30))
def test_a_column_of_whole_counts_reads_back_exactly(counts):
    cells = pd.Series([str(count) for count in counts], dtype=object)
    assert plain_column(cells, POINT) is not None
    assert list(whole_numbers(cells, POINT, 0)["number"]) == counts


@pytest.mark.parametrize("cells", [["12", ""], ["12", " 3"], ["１２"], ["1２"], ["12²"], ["12", "-3"]])
def test_a_column_with_an_empty_cell_or_non_ascii_digits_is_not_plain(cells):
    assert plain_column(pd.Series(cells, dtype=object), POINT) is None


@pytest.mark.parametrize(("cells", "cents"), [
    (["12.50", "3.1"], [1250, 310]),  # one decimal in a column of two
    (["12.50", "3.10"], [1250, 310]),
    (["1,234.50", "7"], [123450, 700]),
])
def test_amounts_of_a_plain_column_read_as_the_cell_parser_reads_them(cells, cents):
    series = pd.Series(cells, dtype=object)
    assert list(whole_numbers(series, POINT, 2)["number"]) == cents
    assert [int(value * 100) for value in parse_numbers(series, POINT)["value"]] == cents


def test_an_amount_with_more_decimals_than_cents_is_rounded_half_up_off_the_bulk_path():
    assert list(whole_numbers(pd.Series(["1.005", "2.50"], dtype=object), POINT, 2)["number"]) == [101, 250]


@pytest.mark.parametrize(("plain", "index"), [("0,125\n7", 0), ("7\n0,125", 1), ("7\n10,125\n0,125", 2)])
def test_a_plain_column_under_a_point_that_holds_0_comma_123_is_evidence_of_a_comma(plain, index):
    evidence = Evidence()
    evidence.examples[POINT] = ("12.50", 2)
    texts = pd.Series(plain.split("\n"), dtype=object)
    evidence.add_plain(plain, POINT, texts, list(range(10, 10 + len(texts))))
    assert evidence.examples[COMMA] == (texts[index], 10 + index)


def test_a_plain_column_of_whole_numbers_tells_nothing_about_the_mark():
    evidence = Evidence()
    evidence.examples[POINT] = ("12.50", 2)
    evidence.add_plain("7\n0125\n1234", POINT, pd.Series(["7", "0125", "1234"], dtype=object), [3, 4, 5])
    assert set(evidence.examples) == {POINT}
