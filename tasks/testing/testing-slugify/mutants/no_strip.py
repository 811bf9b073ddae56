"""Turn arbitrary text into a URL-friendly slug."""

import re
import unicodedata

_APOSTROPHES = re.compile("['\u2019]")
_NOT_ALNUM = re.compile("[^a-z0-9]+")


def slugify(text, max_length=None, separator="-"):
    """Return a lowercase ASCII slug for ``text``.

    - Letters are case-folded and accents removed ("Straße Café" -> "strasse-cafe").
    - Apostrophes (' and U+2019) are dropped ("Don't" -> "dont").
    - Every other run of characters that are not ASCII letters or digits becomes
      a single ``separator``; leading and trailing separators are removed.
    - If ``max_length`` is given, the slug is shortened to at most ``max_length``
      characters by dropping whole trailing words; only when the first word alone
      is too long is it cut mid-word.
    """
    if not isinstance(text, str):
        raise TypeError("text must be a str")
    if not isinstance(separator, str) or not separator or any(c.isalnum() for c in separator):
        raise ValueError("separator must be a non-empty string without letters or digits")
    if max_length is not None and max_length < 1:
        raise ValueError("max_length must be at least 1")

    folded = unicodedata.normalize("NFKD", text.casefold())
    folded = "".join(ch for ch in folded if not unicodedata.combining(ch))
    folded = _APOSTROPHES.sub("", folded)
    slug = _NOT_ALNUM.sub(lambda _match: separator, folded)

    if max_length is not None and len(slug) > max_length:
        slug = _truncate(slug, max_length, separator)
    return slug


def _truncate(slug, max_length, separator):
    words = slug.split(separator)
    if len(words[0]) > max_length:
        return words[0][:max_length]
    result = words[0]
    for word in words[1:]:
        candidate = result + separator + word
        if len(candidate) > max_length:
            break
        result = candidate
    return result
