"""A small least-recently-used cache."""

from collections import OrderedDict


class LRUCache:
    """Mapping with a fixed capacity that evicts the least recently used entry.

    - ``capacity`` must be an ``int`` of at least 1 (``TypeError`` for other
      types, bools included; ``ValueError`` for smaller numbers).
    - ``get`` and ``put`` mark the key as most recently used; ``peek``,
      ``in`` and ``len`` do not change the order.
    - Inserting a new key into a full cache evicts the least recently used
      entry and then calls ``on_evict(key, value)`` for it, if given.
      Replacing the value of a key that is already cached never evicts.
    - ``get`` counts ``hits`` and ``misses``; a cached value of ``None`` is a
      hit like any other.
    """

    def __init__(self, capacity, on_evict=None):
        if isinstance(capacity, bool) or not isinstance(capacity, int):
            raise TypeError("capacity must be an int")
        if capacity < 1:
            raise ValueError("capacity must be at least 1")
        self.capacity = capacity
        self.hits = 0
        self.misses = 0
        self._on_evict = on_evict
        self._data = OrderedDict()

    def get(self, key, default=None):
        """Return the value for ``key`` (and mark it used) or ``default``."""
        if key in self._data:
            self._data.move_to_end(key)
            self.hits += 1
            return self._data[key]
        self.misses += 1
        return default

    def peek(self, key, default=None):
        """Return the value for ``key`` or ``default`` without touching order or counters."""
        return self._data.get(key, default)

    def put(self, key, value):
        """Store ``value`` under ``key``, evicting the least recently used entry if needed."""
        if key in self._data:
            self._data.move_to_end(key)
            self._data[key] = value
            return
        self._data[key] = value
        if len(self._data) > self.capacity:
            old_key, old_value = self._data.popitem(last=False)
            if self._on_evict is not None:
                self._on_evict(old_key, old_value)

    def delete(self, key):
        """Remove ``key``; return True if it was present. Not reported to ``on_evict``."""
        if key in self._data:
            del self._data[key]
            return True
        return False

    def keys(self):
        """Return the cached keys from least to most recently used."""
        return list(self._data)

    def __contains__(self, key):
        return key in self._data

    def __len__(self):
        return len(self._data)
