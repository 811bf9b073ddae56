import pytest

from roman import from_roman, to_roman

KNOWN = [
    (1, "I"),
    (2, "II"),
    (3, "III"),
    (4, "IV"),
    (5, "V"),
    (9, "IX"),
    (10, "X"),
    (14, "XIV"),
    (40, "XL"),
    (44, "XLIV"),
    (49, "XLIX"),
    (50, "L"),
    (90, "XC"),
    (99, "XCIX"),
    (100, "C"),
    (400, "CD"),
    (500, "D"),
    (900, "CM"),
    (944, "CMXLIV"),
    (1000, "M"),
    (1994, "MCMXCIV"),
    (2024, "MMXXIV"),
    (3888, "MMMDCCCLXXXVIII"),
    (3999, "MMMCMXCIX"),
]


@pytest.mark.parametrize("number, numeral", KNOWN)
def test_to_roman_known_values(number, numeral):
    assert to_roman(number) == numeral


@pytest.mark.parametrize("number, numeral", KNOWN)
def test_from_roman_known_values(number, numeral):
    assert from_roman(numeral) == number


def test_round_trip_over_the_whole_range():
    for number in range(1, 4000):
        assert from_roman(to_roman(number)) == number


@pytest.mark.parametrize("number", [0, -1, 4000, 10000])
def test_to_roman_out_of_range(number):
    with pytest.raises(ValueError):
        to_roman(number)


@pytest.mark.parametrize("number", [True, False, 1.0, "5", None])
def test_to_roman_rejects_non_integers(number):
    with pytest.raises(TypeError):
        to_roman(number)


@pytest.mark.parametrize(
    "numeral",
    ["", "IIII", "VV", "IC", "IL", "XM", "MCMC", "IIV", "VX", "MMMM", "CCCC", "iv", "Xi", "X I", " X", "ABC"],
)
def test_from_roman_rejects_non_standard_numerals(numeral):
    with pytest.raises(ValueError):
        from_roman(numeral)


@pytest.mark.parametrize("numeral", [None, 4, ["I"]])
def test_from_roman_rejects_non_strings(numeral):
    with pytest.raises(TypeError):
        from_roman(numeral)
