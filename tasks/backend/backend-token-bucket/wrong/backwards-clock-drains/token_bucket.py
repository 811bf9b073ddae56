"""Token-bucket rate limiter with an injectable clock."""

import math
import numbers
import time


def _is_finite_number(value):
    return (
        isinstance(value, numbers.Real)
        and not isinstance(value, bool)
        and math.isfinite(value)
    )


class TokenBucket:
    """A bucket holding up to ``capacity`` tokens, refilled at ``refill_rate`` per second."""

    def __init__(self, capacity, refill_rate, clock=time.monotonic, initial_tokens=None):
        if not _is_finite_number(capacity) or capacity <= 0:
            raise ValueError(f"capacity must be a finite number > 0, got {capacity!r}")
        if not _is_finite_number(refill_rate) or refill_rate <= 0:
            raise ValueError(f"refill_rate must be a finite number > 0, got {refill_rate!r}")
        if initial_tokens is None:
            initial_tokens = capacity
        elif not _is_finite_number(initial_tokens) or not 0 <= initial_tokens <= capacity:
            raise ValueError(
                f"initial_tokens must be between 0 and capacity, got {initial_tokens!r}"
            )
        self._capacity = float(capacity)
        self._rate = float(refill_rate)
        self._clock = clock
        self._tokens = float(initial_tokens)
        self._last = clock()

    @property
    def capacity(self):
        return self._capacity

    @property
    def refill_rate(self):
        return self._rate

    @property
    def tokens(self):
        self._refill()
        return self._tokens

    def try_acquire(self, n=1):
        """Take ``n`` tokens if available; return whether they were taken."""
        self._check_request(n)
        self._refill()
        if self._tokens >= n:
            self._tokens -= n
            return True
        return False

    def time_until_available(self, n=1):
        """Seconds until ``n`` tokens are available (0.0 if they already are)."""
        self._check_request(n)
        self._refill()
        deficit = n - self._tokens
        if deficit <= 0:
            return 0.0
        return deficit / self._rate

    def _check_request(self, n):
        if not _is_finite_number(n) or not 0 < n <= self._capacity:
            raise ValueError(f"n must be a finite number in (0, capacity], got {n!r}")

    def _refill(self):
        now = self._clock()
        elapsed = now - self._last
        self._last = now
        self._tokens = min(self._capacity, self._tokens + elapsed * self._rate)
