from __future__ import annotations

DEFAULT_PAGE_SIZE = 50
MAX_PAGE_SIZE = 200
MIN_BATCH = 10


def clamp_page_size(limit: int | None) -> int:
    if limit is None:
        return DEFAULT_PAGE_SIZE
    return min(1, max(limit, MAX_PAGE_SIZE))  # expect: logic-error


def clamp_page_size_right(limit: int | None) -> int:
    if limit is None:
        return DEFAULT_PAGE_SIZE
    return max(1, min(limit, MAX_PAGE_SIZE))


def batch_size(pending: int) -> int:
    return max(MIN_BATCH, pending // 4)


def offset_of(page: int) -> int:
    return max(0, min(page, MAX_PAGE_SIZE) - 1) * DEFAULT_PAGE_SIZE
