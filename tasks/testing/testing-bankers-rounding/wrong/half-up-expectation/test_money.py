from decimal import Decimal

import pytest

from money import allocate, format_money, round_half_even


def test_ties_round_up():
    # Schoolbook rounding, not what the module documents.
    assert round_half_even("2.345") == Decimal("2.35")
    assert round_half_even("2.5", 0) == Decimal("3")


def test_formatting():
    assert format_money("1234.5") == "$1,234.50"
    assert format_money("123") == "$123.00"


def test_allocation():
    assert allocate("10", 3) == [Decimal("3.34"), Decimal("3.33"), Decimal("3.33")]


def test_float_is_refused():
    with pytest.raises(TypeError):
        round_half_even(1.5)
