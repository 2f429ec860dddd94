class BatchBuilder:
    def __init__(self, repo, size: int) -> None:
        self._repo = repo
        self._size = size

    async def next_batch(self) -> tuple[list[int], bool]:
        ids = await self._repo.unpaid_ids(limit=self._size + 1)
        batch = ids[: self._size]
        has_more = len(batch) > self._size  # expect: logic-error
        return batch, has_more

    async def next_batch_counted(self) -> tuple[list[int], bool]:
        # look-alike: the length is taken before the cut
        ids = await self._repo.unpaid_ids(limit=self._size + 1)
        has_more = len(ids) > self._size
        return ids[: self._size], has_more

    async def padded(self, extra: list[int]) -> bool:
        # look-alike: the slice is grown before it is measured
        batch = (await self._repo.unpaid_ids(limit=self._size))[: self._size]
        batch.extend(extra)
        return len(batch) > self._size


def preview(text: str, limit: int) -> str:
    short = text[:limit]
    if limit < len(short):  # expect: logic-error
        return short + "..."
    return short


def preview_ok(text: str, limit: int) -> str:
    # look-alike: a window that does not start at 0 is not capped at `limit`
    window = text[1:limit]
    if len(window) > limit - 1:
        return window
    return text[:limit] + ("..." if len(text) > limit else "")


def page(rows: list, size: int) -> bool:
    return len(rows[:size]) <= size  # expect: logic-error
