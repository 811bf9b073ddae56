from decimal import Decimal

from money import allocate, format_money, round_half_even


def test_rounding():
    assert round_half_even("2.345") == Decimal("2.34")
    assert round_half_even("1.239") == Decimal("1.24")


def test_formatting():
    assert format_money("1234.5") == "$1,234.50"
    assert format_money("-42") == "-$42.00"
    assert format_money("0") == "$0.00"


def test_allocation():
    assert sum(allocate("10", 3)) == Decimal("10")
