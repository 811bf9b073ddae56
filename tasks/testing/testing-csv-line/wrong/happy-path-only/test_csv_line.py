from csv_line import format_line, parse_line


def test_simple_line():
    assert parse_line("a,b,c") == ["a", "b", "c"]


def test_quoted_delimiter():
    assert parse_line('"a,b",c') == ["a,b", "c"]


def test_escaped_quote():
    assert parse_line('"say ""hi""",2') == ['say "hi"', "2"]


def test_format():
    assert format_line(["a", "b"]) == "a,b"
    assert format_line(["a,b", "c"]) == '"a,b",c'
