import pytest

from lru import LRUCache


def make(capacity, *items, **kwargs):
    cache = LRUCache(capacity, **kwargs)
    for key, value in items:
        cache.put(key, value)
    return cache


def test_put_and_get():
    cache = make(2, ("a", 1), ("b", 2))
    assert cache.get("a") == 1
    assert cache.get("b") == 2
    assert len(cache) == 2


def test_missing_key_returns_default():
    cache = make(2)
    assert cache.get("nope") is None
    assert cache.get("nope", 42) == 42
    assert cache.peek("nope", "d") == "d"


def test_fills_up_to_capacity_without_evicting():
    cache = make(3, ("a", 1), ("b", 2), ("c", 3))
    assert len(cache) == 3
    assert cache.keys() == ["a", "b", "c"]


def test_capacity_one():
    cache = make(1, ("a", 1))
    assert cache.get("a") == 1
    cache.put("b", 2)
    assert "a" not in cache
    assert cache.get("b") == 2
    assert len(cache) == 1


def test_evicts_least_recently_inserted_when_untouched():
    cache = make(2, ("a", 1), ("b", 2), ("c", 3))
    assert "a" not in cache
    assert cache.keys() == ["b", "c"]
    assert cache.get("c") == 3


def test_get_marks_key_as_recently_used():
    cache = make(2, ("a", 1), ("b", 2))
    cache.get("a")
    cache.put("c", 3)
    assert "a" in cache
    assert "b" not in cache


def test_put_existing_key_updates_value_and_recency_without_evicting():
    evicted = []
    cache = make(2, ("a", 1), ("b", 2), on_evict=lambda k, v: evicted.append(k))
    cache.put("a", 10)
    assert len(cache) == 2
    assert evicted == []
    assert cache.keys() == ["b", "a"]
    cache.put("c", 3)
    assert cache.peek("a") == 10
    assert "b" not in cache
    assert evicted == ["b"]


def test_peek_contains_and_len_do_not_change_order_or_counters():
    cache = make(2, ("a", 1), ("b", 2))
    assert cache.peek("a") == 1
    assert "a" in cache
    assert len(cache) == 2
    assert cache.hits == 0 and cache.misses == 0
    cache.put("c", 3)
    assert "a" not in cache
    assert cache.keys() == ["b", "c"]


def test_keys_order_least_to_most_recent():
    cache = make(3, ("a", 1), ("b", 2), ("c", 3))
    cache.get("a")
    cache.put("b", 20)
    assert cache.keys() == ["c", "a", "b"]


def test_on_evict_receives_evicted_key_and_its_value():
    evicted = []
    cache = make(2, ("a", 1), ("b", 2), on_evict=lambda k, v: evicted.append((k, v)))
    cache.put("c", 3)
    cache.put("d", 4)
    assert evicted == [("a", 1), ("b", 2)]


def test_hit_and_miss_counters():
    cache = make(2, ("a", 1))
    cache.get("a")
    cache.get("a")
    cache.get("x")
    assert (cache.hits, cache.misses) == (2, 1)


def test_cached_none_and_falsy_values_are_hits():
    cache = make(2, ("n", None), ("z", 0))
    assert cache.get("n", "default") is None
    assert cache.get("z", "default") == 0
    assert (cache.hits, cache.misses) == (2, 0)


def test_get_of_none_value_refreshes_it():
    cache = make(2, ("n", None), ("b", 2))
    cache.get("n")
    cache.put("c", 3)
    assert "n" in cache
    assert "b" not in cache


def test_delete():
    evicted = []
    cache = make(2, ("a", 1), ("b", 2), on_evict=lambda k, v: evicted.append(k))
    assert cache.delete("a") is True
    assert cache.delete("a") is False
    assert "a" not in cache
    assert len(cache) == 1
    assert evicted == []
    cache.put("c", 3)
    assert cache.keys() == ["b", "c"]
    assert evicted == []


@pytest.mark.parametrize("capacity", [0, -1])
def test_capacity_too_small(capacity):
    with pytest.raises(ValueError):
        LRUCache(capacity)


@pytest.mark.parametrize("capacity", [True, 2.0, "3", None])
def test_capacity_wrong_type(capacity):
    with pytest.raises(TypeError):
        LRUCache(capacity)
