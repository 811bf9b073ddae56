import pytest

from csv_line import format_line, parse_line


@pytest.mark.parametrize(
    "line, expected",
    [
        ("a,b,c", ["a", "b", "c"]),
        ("single", ["single"]),
        ("", [""]),
        (",", ["", ""]),
        ("a,", ["a", ""]),
        (",a", ["", "a"]),
        ("a,,b", ["a", "", "b"]),
        (",,", ["", "", ""]),
        (" a , b ", [" a ", " b "]),
    ],
)
def test_unquoted_fields(line, expected):
    assert parse_line(line) == expected


@pytest.mark.parametrize(
    "line, expected",
    [
        ('"a,b",c', ["a,b", "c"]),
        ('"",x', ["", "x"]),
        ('x,""', ["x", ""]),
        ('""', [""]),
        ('"say ""hi""",2', ['say "hi"', "2"]),
        ('""""', ['"']),
        ('"a""b"', ['a"b']),
        ('"  padded  "', ["  padded  "]),
        ('"a",', ["a", ""]),
        ('"line\nbreak"', ["line\nbreak"]),
    ],
)
def test_quoted_fields(line, expected):
    assert parse_line(line) == expected


def test_quote_inside_unquoted_field_is_literal():
    assert parse_line('ab"c,d') == ['ab"c', "d"]
    assert parse_line('5" screen,x') == ['5" screen', "x"]


def test_leading_space_before_quote_makes_field_unquoted():
    assert parse_line(' "a",b') == [' "a"', "b"]


@pytest.mark.parametrize("line", ['"abc', '"a""', 'x,"open', '"', '"a"b', '"a" ,b', '"a""b"c'])
def test_malformed_quoting_raises(line):
    with pytest.raises(ValueError):
        parse_line(line)


def test_custom_delimiter_and_quote():
    assert parse_line("a;'b;c';d", delimiter=";", quote="'") == ["a", "b;c", "d"]
    assert parse_line("a\tb\t\t", delimiter="\t") == ["a", "b", "", ""]
    assert parse_line('a;"x";b', delimiter=";") == ["a", "x", "b"]
    assert parse_line("a,b;c", delimiter=";") == ["a,b", "c"]


@pytest.mark.parametrize(
    "kwargs", [{"delimiter": ""}, {"delimiter": ";;"}, {"quote": ""}, {"delimiter": "'", "quote": "'"}, {"delimiter": '"'}]
)
def test_invalid_dialect(kwargs):
    with pytest.raises(ValueError):
        parse_line("a", **kwargs)
    with pytest.raises(ValueError):
        format_line(["a"], **kwargs)


@pytest.mark.parametrize(
    "fields, expected",
    [
        (["a", "b"], "a,b"),
        ([""], ""),
        (["", ""], ","),
        (["a,b", "c"], '"a,b",c'),
        (['say "hi"'], '"say ""hi"""'),
        (['"'], '""""'),
        (["two\nlines"], '"two\nlines"'),
        (["cr\rhere"], '"cr\rhere"'),
        ([" keep "], " keep "),
    ],
)
def test_format_line(fields, expected):
    assert format_line(fields) == expected


def test_format_custom_dialect():
    assert format_line(["a;b", "c'd", "e,f"], delimiter=";", quote="'") == "'a;b';'c''d';e,f"


def test_format_requires_fields():
    with pytest.raises(ValueError):
        format_line([])


@pytest.mark.parametrize(
    "fields",
    [["a", "b"], ["", ""], ['"quoted"', "x"], ['a"b'], ["x,y", "", 'q"'], ["\n"], ["a", ""]],
)
def test_round_trip(fields):
    assert parse_line(format_line(fields)) == fields
