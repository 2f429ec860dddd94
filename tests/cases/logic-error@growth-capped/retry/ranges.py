"""Poll intervals and page sizes held to a range."""
MIN_PAGE_SIZE = 10
MAX_PAGE_SIZE = 500


def page_size(requested: int) -> int:
    return min(max(requested, MAX_PAGE_SIZE), MIN_PAGE_SIZE)  # expect: logic-error


def page_size_ok(requested: int) -> int:
    return min(max(requested, MIN_PAGE_SIZE), MAX_PAGE_SIZE)


def page_size_other_way_ok(requested: int) -> int:
    return max(MIN_PAGE_SIZE, min(requested, MAX_PAGE_SIZE))


class Poller:
    def __init__(self, base: float, ceiling_s: float) -> None:
        self.base = base
        self.ceiling_s = ceiling_s

    def interval(self, misses: int) -> float:
        wait = self.base * 2 ** misses
        return max(wait, self.ceiling_s)  # expect: logic-error

    def interval_ok(self, misses: int) -> float:
        wait = self.base * 2 ** misses
        return min(wait, self.ceiling_s)

    def interval_flat(self, misses: int, wait: float) -> float:
        return max(wait, self.ceiling_s)

    def interval_rebound(self, misses: int) -> float:
        wait = self.base * 2 ** misses
        wait = self.base
        return max(wait, self.ceiling_s)


def longest(lengths: list[int], max_len: int) -> int:
    return max(max_len, min(sum(lengths), 80))
