"""Reply suggestions, cached per ticket."""
import asyncio
from collections import defaultdict

from helpdesk.llm import LlmClient


class SuggestionService:
    def __init__(self, llm: LlmClient) -> None:
        self._llm = llm
        self._lock = asyncio.Lock()
        self._stats_lock = asyncio.Lock()
        self._ticket_locks: defaultdict[int, asyncio.Lock] = defaultdict(asyncio.Lock)
        self._recent: dict[int, str] = {}
        self._served = 0

    async def suggest(self, ticket_id: int, prompt: str) -> str:
        async with self._lock:  # expect: deadlock
            cached = self._recent.get(ticket_id)
            if cached is not None:
                return cached
            reply = await self._llm.suggest(prompt)
            self._recent[ticket_id] = reply
            return reply

    async def suggest_per_ticket(self, ticket_id: int, prompt: str) -> str:
        """One lock per ticket: calls for different tickets run side by side."""
        async with self._ticket_locks[ticket_id]:
            cached = self._recent.get(ticket_id)
            if cached is not None:
                return cached
            reply = await self._llm.suggest(prompt)
            self._recent[ticket_id] = reply
            return reply

    async def suggest_counted(self, prompt: str) -> str:
        """The lock guards the counter only; the call runs outside it."""
        reply = await self._llm.suggest(prompt)
        async with self._stats_lock:
            self._served += 1
        return reply
