from decimal import Decimal

import pytest

from money import allocate, format_money, round_half_even


@pytest.mark.parametrize(
    "value, expected",
    [
        ("2.345", "2.34"),
        ("2.355", "2.36"),
        ("2.3451", "2.35"),
        ("2.3449", "2.34"),
        ("-2.345", "-2.34"),
        ("-2.355", "-2.36"),
        ("0.125", "0.12"),
        ("0.135", "0.14"),
        (7, "7.00"),
        (Decimal("1.005"), "1.00"),
    ],
)
def test_round_half_even_two_places(value, expected):
    result = round_half_even(value)
    assert isinstance(result, Decimal)
    assert str(result) == expected


def test_round_half_even_to_whole_numbers():
    assert round_half_even("0.5", 0) == Decimal("0")
    assert round_half_even("1.5", 0) == Decimal("2")
    assert round_half_even("2.5", 0) == Decimal("2")
    assert round_half_even("3.5", 0) == Decimal("4")
    assert str(round_half_even("2.5", 0)) == "2"


def test_round_half_even_keeps_requested_places():
    assert str(round_half_even("1.2", 3)) == "1.200"
    assert str(round_half_even("1.23456", 4)) == "1.2346"
    assert str(round_half_even("1.23445", 4)) == "1.2344"


@pytest.mark.parametrize("value", [2.5, 0.1, True, None, [1]])
def test_round_rejects_non_decimal_types(value):
    with pytest.raises(TypeError):
        round_half_even(value)


@pytest.mark.parametrize("value", ["abc", "", "NaN", "Infinity", "-inf"])
def test_round_rejects_non_numbers(value):
    with pytest.raises(ValueError):
        round_half_even(value)


def test_round_rejects_negative_places():
    with pytest.raises(ValueError):
        round_half_even("1.5", -1)


@pytest.mark.parametrize(
    "value, expected",
    [
        ("0", "$0.00"),
        ("5", "$5.00"),
        ("12.5", "$12.50"),
        ("123", "$123.00"),
        ("999.99", "$999.99"),
        ("1234.5", "$1,234.50"),
        ("123456", "$123,456.00"),
        ("1234567.891", "$1,234,567.89"),
        ("-1234.5", "-$1,234.50"),
        ("-123", "-$123.00"),
        ("0.005", "$0.00"),
        ("0.015", "$0.02"),
    ],
)
def test_format_money_defaults(value, expected):
    assert format_money(value) == expected


def test_negative_amount_that_rounds_to_zero_has_no_sign():
    assert format_money("-0.001") == "$0.00"
    assert format_money("-0.005") == "$0.00"
    assert format_money("-0.4", places=0) == "$0"


def test_negative_amount_that_stays_negative():
    assert format_money("-0.006") == "-$0.01"


def test_format_money_without_decimals():
    assert format_money("5", places=0) == "$5"
    assert format_money("1234.5", places=0) == "$1,234"
    assert format_money("1235.5", places=0) == "$1,236"


def test_format_money_custom_symbols():
    assert format_money("1234567.5", currency="€", thousands=".", decimal_point=",") == "€1.234.567,50"
    assert format_money("1234", currency="", thousands=" ") == "1 234.00"
    assert format_money("-9.999", currency="CHF ", places=3) == "-CHF 9.999"


def test_format_money_rejects_float():
    with pytest.raises(TypeError):
        format_money(1.5)


def test_allocate_even_split():
    assert allocate("9", 3) == [Decimal("3"), Decimal("3"), Decimal("3")]


def test_allocate_puts_extra_cents_first():
    assert allocate("10", 3) == [Decimal("3.34"), Decimal("3.33"), Decimal("3.33")]
    assert allocate("0.05", 3) == [Decimal("0.02"), Decimal("0.02"), Decimal("0.01")]
    assert allocate("100", 7) == [Decimal("14.29")] * 4 + [Decimal("14.28")] * 3


@pytest.mark.parametrize("total, parts", [("10", 3), ("0.05", 3), ("100", 7), ("1", 1), ("0.01", 4), ("-7", 3)])
def test_allocate_sums_exactly_and_differs_by_one_cent(total, parts):
    shares = allocate(total, parts)
    assert len(shares) == parts
    assert sum(shares) == round_half_even(total)
    assert max(shares) - min(shares) <= Decimal("0.01")
    assert shares == sorted(shares, reverse=True)


def test_allocate_rounds_total_first():
    assert allocate("0.125", 1) == [Decimal("0.12")]
    assert allocate("3", 2, places=0) == [Decimal("2"), Decimal("1")]


def test_allocate_rejects_no_parts():
    with pytest.raises(ValueError):
        allocate("10", 0)
