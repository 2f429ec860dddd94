"""Permit renewals write the journal while holding the permit's lock."""
from .registry import journal_lock, permit_locks

JOURNAL: list[tuple[int, str]] = []


class PermitService:
    def __init__(self, journal: list[tuple[int, str]]) -> None:
        self._journal = journal

    async def renew(self, permit_id: int) -> None:
        async with permit_locks.lock_for(permit_id):
            async with journal_lock:
                self._journal.append((permit_id, "renewed"))


async def compact_journal(permit_ids: list[int]) -> None:
    async with journal_lock:
        for permit_id in permit_ids:
            async with permit_locks.lock_for(permit_id):  # expect: deadlock
                JOURNAL.append((permit_id, "compacted"))
