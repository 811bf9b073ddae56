import pytest

from slugify import slugify


@pytest.mark.parametrize(
    "text, expected",
    [
        ("Hello World", "hello-world"),
        ("already-a-slug", "already-a-slug"),
        ("Version 2.0 Release", "version-2-0-release"),
        ("", ""),
        ("!!!", ""),
    ],
)
def test_basic_slugs(text, expected):
    assert slugify(text) == expected


def test_accents_are_folded_to_ascii():
    assert slugify("Crème Brûlée") == "creme-brulee"
    assert slugify("café") == "cafe"
    assert slugify("ﬁle") == "file"


def test_casefolding_expands_sharp_s():
    assert slugify("Straße") == "strasse"


def test_remaining_non_ascii_becomes_separator():
    assert slugify("日本 text") == "text"
    assert slugify("a→b") == "a-b"


def test_apostrophes_are_dropped():
    assert slugify("Don't Stop") == "dont-stop"
    assert slugify("It\u2019s here") == "its-here"


def test_runs_of_separators_collapse():
    assert slugify("a  --  b,,,c") == "a-b-c"


def test_leading_and_trailing_junk_is_trimmed():
    assert slugify("  --Hello, World!!  ") == "hello-world"


def test_custom_separator():
    assert slugify("Hello  World", separator="_") == "hello_world"
    assert slugify("  a b  ", separator="__") == "a__b"
    assert slugify("a b", separator="\\") == "a\\b"


def test_max_length_keeps_whole_words():
    assert slugify("hello world again", max_length=8) == "hello"
    assert slugify("hello world again", max_length=14) == "hello-world"


def test_max_length_exact_word_boundary_is_kept():
    assert slugify("hello world again", max_length=11) == "hello-world"
    assert slugify("ab cd", max_length=5) == "ab-cd"


def test_max_length_cuts_a_too_long_first_word():
    assert slugify("Supercalifragilistic word", max_length=5) == "super"


def test_max_length_with_custom_separator():
    assert slugify("hello world again", max_length=13, separator="_") == "hello_world"


@pytest.mark.parametrize("kwargs", [{"max_length": 0}, {"separator": ""}, {"separator": "x"}])
def test_invalid_arguments(kwargs):
    with pytest.raises(ValueError):
        slugify("text", **kwargs)


def test_non_string_text():
    with pytest.raises(TypeError):
        slugify(None)
