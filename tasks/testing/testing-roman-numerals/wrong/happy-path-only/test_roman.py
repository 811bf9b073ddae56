from roman import from_roman, to_roman


def test_small_numbers():
    assert to_roman(1) == "I"
    assert to_roman(3) == "III"
    assert to_roman(4) == "IV"
    assert to_roman(9) == "IX"
    assert to_roman(14) == "XIV"


def test_a_year():
    assert to_roman(1994) == "MCMXCIV"
    assert from_roman("MCMXCIV") == 1994


def test_parse_small_numbers():
    assert from_roman("III") == 3
    assert from_roman("XLII") == 42
