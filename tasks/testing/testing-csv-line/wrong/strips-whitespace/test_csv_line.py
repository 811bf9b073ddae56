import pytest

from csv_line import format_line, parse_line


def test_simple_line():
    assert parse_line("a,b,c") == ["a", "b", "c"]


def test_whitespace_is_trimmed():
    # Wrong: the module keeps whitespace.
    assert parse_line(" a , b ") == ["a", "b"]


def test_quoted():
    assert parse_line('"a,b",""') == ["a,b", ""]


def test_unterminated():
    with pytest.raises(ValueError):
        parse_line('"abc')


def test_format():
    assert format_line(['x"y']) == '"x""y"'
