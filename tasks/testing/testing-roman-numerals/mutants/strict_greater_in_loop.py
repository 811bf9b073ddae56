"""Convert between integers and Roman numerals (standard form, 1 to 3999)."""

_TABLE = [
    (1000, "M"),
    (900, "CM"),
    (500, "D"),
    (400, "CD"),
    (100, "C"),
    (90, "XC"),
    (50, "L"),
    (40, "XL"),
    (10, "X"),
    (9, "IX"),
    (5, "V"),
    (4, "IV"),
    (1, "I"),
]
_VALUES = {"I": 1, "V": 5, "X": 10, "L": 50, "C": 100, "D": 500, "M": 1000}


def to_roman(number):
    """Return the standard Roman numeral for ``number`` (1 to 3999).

    Subtractive pairs are used (4 -> "IV", 900 -> "CM"). A non-integer (bools
    included) raises ``TypeError``; an integer outside 1..3999 ``ValueError``.
    """
    if isinstance(number, bool) or not isinstance(number, int):
        raise TypeError("number must be an int")
    if not 1 <= number <= 3999:
        raise ValueError("number must be between 1 and 3999")
    parts = []
    for value, symbol in _TABLE:
        while number > value:
            parts.append(symbol)
            number -= value
    return "".join(parts)


def from_roman(numeral):
    """Return the integer written by ``numeral``.

    Only the standard form that :func:`to_roman` produces is accepted, in
    upper case and without spaces: "IIII", "VV", "IC", "MCMC", "iv" and ""
    all raise ``ValueError``. A non-string raises ``TypeError``.
    """
    if not isinstance(numeral, str):
        raise TypeError("numeral must be a str")
    if not numeral or any(ch not in _VALUES for ch in numeral):
        raise ValueError(f"not a Roman numeral: {numeral!r}")
    total = 0
    for i, ch in enumerate(numeral):
        value = _VALUES[ch]
        if i + 1 < len(numeral) and _VALUES[numeral[i + 1]] > value:
            total -= value
        else:
            total += value
    if not 1 <= total <= 3999 or to_roman(total) != numeral:
        raise ValueError(f"not a standard Roman numeral: {numeral!r}")
    return total
