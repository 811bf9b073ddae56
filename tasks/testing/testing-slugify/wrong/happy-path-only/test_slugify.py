import pytest

from slugify import slugify


def test_simple_sentence():
    assert slugify("Hello World") == "hello-world"


def test_punctuation_becomes_one_dash():
    assert slugify("Hello, World!") == "hello-world"


def test_accents():
    assert slugify("Café") == "cafe"


def test_max_length_drops_words():
    assert slugify("hello world again", max_length=8) == "hello"


def test_rejects_non_string():
    with pytest.raises(TypeError):
        slugify(42)
