import math

import pytest

from token_bucket import TokenBucket


class FakeClock:
    def __init__(self, start=100.0):
        self.now = start

    def __call__(self):
        return self.now

    def advance(self, seconds):
        self.now += seconds


@pytest.fixture
def clock():
    return FakeClock()


def make(clock, capacity=10, rate=2, **kwargs):
    return TokenBucket(capacity, rate, clock=clock, **kwargs)


def test_starts_full(clock):
    assert make(clock).tokens == pytest.approx(10)


def test_initial_tokens_honoured(clock):
    bucket = make(clock, initial_tokens=3)
    assert bucket.tokens == pytest.approx(3)
    assert bucket.try_acquire(3) is True
    assert bucket.try_acquire(1) is False


def test_acquire_until_empty(clock):
    bucket = make(clock, capacity=3)
    assert [bucket.try_acquire() for _ in range(4)] == [True, True, True, False]
    assert bucket.tokens == pytest.approx(0)


def test_failed_acquire_consumes_nothing(clock):
    bucket = make(clock, initial_tokens=4)
    assert bucket.try_acquire(5) is False
    assert bucket.tokens == pytest.approx(4)
    assert bucket.try_acquire(4) is True


def test_refills_with_elapsed_time(clock):
    bucket = make(clock, initial_tokens=0)
    clock.advance(1.5)
    assert bucket.tokens == pytest.approx(3)
    assert bucket.try_acquire(3) is True
    assert bucket.try_acquire(0.5) is False
    clock.advance(0.25)
    assert bucket.try_acquire(0.5) is True


def test_refill_is_capped_at_capacity(clock):
    bucket = make(clock, initial_tokens=0)
    clock.advance(1000)
    assert bucket.tokens == pytest.approx(10)
    assert bucket.try_acquire(10) is True
    assert bucket.try_acquire(1) is False


def test_fractional_tokens(clock):
    bucket = make(clock, capacity=1, rate=1)
    assert bucket.try_acquire(0.25) is True
    assert bucket.try_acquire(0.75) is True
    assert bucket.try_acquire(0.25) is False
    clock.advance(0.25)
    assert bucket.try_acquire(0.25) is True


def test_time_until_available_zero_when_available(clock):
    bucket = make(clock)
    assert bucket.time_until_available(10) == 0.0
    assert bucket.time_until_available() == 0.0


def test_time_until_available_does_not_consume(clock):
    bucket = make(clock, initial_tokens=1)
    assert bucket.time_until_available(5) == pytest.approx(2.0)
    assert bucket.time_until_available(5) == pytest.approx(2.0)
    assert bucket.tokens == pytest.approx(1)


def test_waiting_the_reported_time_is_enough(clock):
    bucket = make(clock, capacity=8, rate=4)
    assert bucket.try_acquire(8) is True
    wait = bucket.time_until_available(6)
    assert wait == pytest.approx(1.5)
    clock.advance(wait / 2)
    assert bucket.try_acquire(6) is False
    assert bucket.time_until_available(6) == pytest.approx(0.75)
    clock.advance(0.75)
    assert bucket.try_acquire(6) is True


def test_clock_going_backwards_adds_and_removes_nothing(clock):
    bucket = make(clock, initial_tokens=5)
    clock.advance(-50)
    assert bucket.tokens == pytest.approx(5)
    clock.advance(1)  # measured from the new, earlier reading
    assert bucket.tokens == pytest.approx(7)


def test_default_clock_is_usable():
    bucket = TokenBucket(5, 1)
    assert bucket.try_acquire(5) is True
    assert 0 < bucket.time_until_available(5) <= 5


@pytest.mark.parametrize(
    "capacity, rate",
    [(0, 1), (-1, 1), (math.inf, 1), (math.nan, 1), (5, 0), (5, -2), (5, math.inf), (5, math.nan)],
)
def test_invalid_configuration_rejected(clock, capacity, rate):
    with pytest.raises(ValueError):
        TokenBucket(capacity, rate, clock=clock)


@pytest.mark.parametrize("initial", [-1, 11, math.nan])
def test_invalid_initial_tokens_rejected(clock, initial):
    with pytest.raises(ValueError):
        make(clock, initial_tokens=initial)


@pytest.mark.parametrize("n", [0, -1, 10.5, math.inf, math.nan])
def test_invalid_request_rejected(clock, n):
    bucket = make(clock)
    with pytest.raises(ValueError):
        bucket.try_acquire(n)
    with pytest.raises(ValueError):
        bucket.time_until_available(n)
    assert bucket.tokens == pytest.approx(10)
