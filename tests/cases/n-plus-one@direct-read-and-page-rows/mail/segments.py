from __future__ import annotations

from sqlalchemy.ext.asyncio import AsyncSession

from mail.models import Subscriber
from mail.repo import SubscriberRepo


async def tagged(repo: SubscriberRepo, list_id: int, tag: str) -> list[int]:
    """Each subscriber of a page costs one tag query: one round trip per row of every page."""
    selected: list[int] = []
    after = 0
    while True:
        page = await repo.page_active(list_id, after)
        if not page:
            break
        for sub in page:
            tags = await repo.tags_for(sub.id)  # expect: n-plus-one
            if tag in tags:
                selected.append(sub.id)
        after = page[-1].id
    return selected


async def tagged_batched(repo: SubscriberRepo, list_id: int, tag: str) -> list[int]:
    """One tag query per page: the batch form, silent."""
    selected: list[int] = []
    after = 0
    while True:
        page = await repo.page_active(list_id, after)
        if not page:
            break
        tags = await repo.tags_for_many([s.id for s in page])
        selected.extend(s.id for s in page if tag in tags[s.id])
        after = page[-1].id
    return selected


async def each_page(repo: SubscriberRepo, list_id: int, pages: list[int]) -> int:
    """A loop over page cursors makes one query per page, the batching itself: silent."""
    total = 0
    for cursor in pages:
        total += len(await repo.page_active(list_id, cursor))
    return total


async def refresh(session: AsyncSession, repo: SubscriberRepo, ids: list[int]) -> list[str]:
    """A helper's read and a direct `session.get` in one loop: the direct one is cited."""
    out: list[str] = []
    for sid in ids:
        tags = await repo.tags_for(sid)
        sub = await session.get(Subscriber, sid)  # expect: n-plus-one
        if sub is not None and tags:
            out.append(sub.email)
    return out
