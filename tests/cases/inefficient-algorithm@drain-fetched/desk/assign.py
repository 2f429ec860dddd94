"""Round-robin assignment of the backlog."""
from __future__ import annotations

from collections import deque

from desk.repo import TicketRepository


class Assigner:
    def __init__(self, repo: TicketRepository) -> None:
        self._repo = repo

    async def round_robin(self, org_id: int, agents: list[int]) -> list[tuple[int, int]]:
        pending = await self._repo.unassigned(org_id, limit=500)
        pairs: list[tuple[int, int]] = []
        turn = 0
        while pending:
            ticket = pending.pop(0)  # expect: inefficient-algorithm
            pairs.append((ticket.id, agents[turn % len(agents)]))
            turn += 1
        return pairs

    async def round_robin_deque(self, org_id: int, agents: list[int]) -> list[tuple[int, int]]:
        pending = deque(await self._repo.unassigned(org_id, limit=500))
        pairs: list[tuple[int, int]] = []
        while pending:
            ticket = pending.popleft()
            pairs.append((ticket.id, agents[len(pairs) % len(agents)]))
        return pairs

    async def first_only(self, org_id: int) -> int | None:
        pending = await self._repo.unassigned(org_id, limit=10)
        while pending:
            return pending.pop(0).id
        return None

    async def drop_zero_agent(self, org_id: int) -> dict[int, int]:
        load = await self._repo.counts(org_id)
        if load:
            load.pop(0, None)
        return load
