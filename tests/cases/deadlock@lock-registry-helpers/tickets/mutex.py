"""Named locks, one namespace per kind of record, listed in the order they are meant to be taken
(queue before ticket): the pair that takes them the other way round is the one cited."""
import asyncio
from contextlib import asynccontextmanager


class NamedMutexes:
    def __init__(self) -> None:
        self._table: dict[str, asyncio.Lock] = {}

    def _lookup(self, name: str) -> asyncio.Lock:
        mutex = self._table.get(name)
        if mutex is None:
            mutex = self._table[name] = asyncio.Lock()
        return mutex

    @asynccontextmanager
    async def held(self, name: str):
        mutex = self._lookup(name)
        async with mutex:
            yield

    def queue(self, queue_id: int):
        return self.held(f"queue:{queue_id}")

    def ticket(self, ticket_id: int):
        return self.held(f"ticket:{ticket_id}")

    def agent(self, agent_id: int):
        return self.held(f"agent:{agent_id}")

    def team(self, team_id: int):
        return self.held(f"team:{team_id}")


mutexes = NamedMutexes()
