"""Parse and format a single CSV record without the csv module."""


def parse_line(line, delimiter=",", quote='"'):
    """Split one CSV record into a list of field strings.

    - Fields are separated by ``delimiter``; an empty line is one empty field
      (``[""]``) and a trailing delimiter ends with an empty field.
    - A field that *starts* with ``quote`` is quoted: delimiters inside it are
      ordinary text and a doubled quote stands for one quote character. After
      the closing quote the next character must be the delimiter or the end of
      the line, otherwise ``ValueError``. A missing closing quote is a
      ``ValueError`` too.
    - A quote character in the middle of an unquoted field is kept as is.
    - Whitespace is never trimmed.
    - ``delimiter`` and ``quote`` must be single, different characters
      (``ValueError`` otherwise).
    """
    _check_dialect(delimiter, quote)
    fields = []
    i = 0
    n = len(line)
    while True:
        if i < n and line[i] == quote:
            i += 1
            chars = []
            while True:
                if i >= n:
                    raise ValueError("unterminated quoted field")
                ch = line[i]
                if ch == quote:
                    if i + 1 < n and line[i + 1] == quote:
                        chars.append(quote)
                        i += 1
                        continue
                    i += 1
                    break
                chars.append(ch)
                i += 1
            fields.append("".join(chars))
            if i < n and line[i] != delimiter:
                raise ValueError(f"unexpected {line[i]!r} after a closing quote")
        else:
            end = line.find(delimiter, i)
            if end == -1:
                end = n
            fields.append(line[i:end])
            i = end
        if i >= n:
            return fields
        i += 1  # skip the delimiter


def format_line(fields, delimiter=",", quote='"'):
    """Join ``fields`` into one CSV record that :func:`parse_line` reads back.

    A field is quoted only when it contains the delimiter, the quote character,
    a carriage return or a line feed; quote characters inside are doubled.
    ``fields`` must not be empty (``ValueError``).
    """
    _check_dialect(delimiter, quote)
    if not fields:
        raise ValueError("at least one field is required")
    out = []
    for field in fields:
        if any(c in field for c in (delimiter, quote, "\r", "\n")):
            field = quote + field.replace(quote, quote + quote) + quote
        out.append(field)
    return delimiter.join(out)


def _check_dialect(delimiter, quote):
    if len(delimiter) != 1 or len(quote) != 1:
        raise ValueError("delimiter and quote must be single characters")
    if delimiter == quote:
        raise ValueError("delimiter and quote must differ")
