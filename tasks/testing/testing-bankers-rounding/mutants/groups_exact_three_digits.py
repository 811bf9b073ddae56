"""Round, format and split money amounts using banker's rounding."""

from decimal import ROUND_HALF_EVEN, Decimal, InvalidOperation


def round_half_even(value, places=2):
    """Round ``value`` to ``places`` decimal places, ties going to the even digit.

    ``value`` may be an ``int``, a ``str`` such as ``"2.675"`` or a ``Decimal``;
    floats (and bools) are refused with ``TypeError`` because they cannot hold
    most decimal amounts exactly. Text that is not a number, NaN and infinities
    raise ``ValueError``, as does a negative ``places``. Returns a ``Decimal``
    with exactly ``places`` digits after the point.
    """
    if isinstance(value, (bool, float)) or not isinstance(value, (int, str, Decimal)):
        raise TypeError("value must be an int, str or Decimal")
    if places < 0:
        raise ValueError("places must not be negative")
    try:
        amount = Decimal(value)
    except InvalidOperation:
        raise ValueError(f"not a number: {value!r}") from None
    if not amount.is_finite():
        raise ValueError("amount must be finite")
    return amount.quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_EVEN)


def format_money(value, currency="$", places=2, thousands=",", decimal_point="."):
    """Format ``value`` like ``-$1,234.50``.

    The amount is first rounded with :func:`round_half_even`. The minus sign
    (only for amounts that are still negative after rounding, so ``"-0.001"``
    gives ``"$0.00"``) comes before the currency symbol. The integer part is
    grouped in threes with ``thousands``; with ``places=0`` there is no
    decimal point at all.
    """
    amount = round_half_even(value, places)
    sign = "-" if amount < 0 else ""
    whole, _, fraction = f"{abs(amount):f}".partition(".")
    groups = []
    while len(whole) >= 3:
        groups.insert(0, whole[-3:])
        whole = whole[:-3]
    groups.insert(0, whole)
    text = thousands.join(groups)
    if places > 0:
        text += decimal_point + fraction
    return f"{sign}{currency}{text}"


def allocate(total, parts, places=2):
    """Split ``total`` into ``parts`` amounts that add up to it exactly.

    ``total`` is rounded with :func:`round_half_even` first. The amounts differ
    by at most one unit of the last place (one cent for ``places=2``) and the
    larger ones come first: ``allocate("10", 3)`` gives
    ``[Decimal("3.34"), Decimal("3.33"), Decimal("3.33")]``. ``parts`` must be
    at least 1, otherwise ``ValueError``.
    """
    if parts < 1:
        raise ValueError("parts must be at least 1")
    amount = round_half_even(total, places)
    unit = Decimal(1).scaleb(-places)
    units = int(amount.scaleb(places))
    base, extra = divmod(units, parts)
    return [(base + (1 if i < extra else 0)) * unit for i in range(parts)]
