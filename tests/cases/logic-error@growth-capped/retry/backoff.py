"""Backoff delays bounded with min and max."""
MAX_DELAY_SECONDS = 6 * 3600
MIN_INTERVAL = 5


def wrong_cap(attempts: int) -> int:
    return max(60 * 2 ** attempts, MAX_DELAY_SECONDS)  # expect: logic-error


def wrong_floor(retries: int) -> int:
    return min(MIN_INTERVAL, 1 << retries)  # expect: logic-error


class Backoff:
    def __init__(self, base: float, max_backoff: float) -> None:
        self.base = base
        self.max_backoff = max_backoff

    def delay(self, attempt: int) -> float:
        return max(self.max_backoff, self.base * 2 ** attempt)  # expect: logic-error

    def capped(self, attempt: int) -> float:
        return min(self.max_backoff, self.base * 2 ** attempt)


def right_cap(attempts: int) -> int:
    return min(60 * 2 ** attempts, MAX_DELAY_SECONDS)


def right_floor(retries: int) -> int:
    return max(MIN_INTERVAL, 1 << retries)


def running_max(values: list[int], max_seen: int) -> int:
    return max(max_seen, sum(values))


def fixed_power(max_size: int) -> int:
    return max(max_size, 2 ** 10)
