"""Reply suggestions, thread summaries and macro rendering for the agent console."""
from __future__ import annotations

import asyncio
import logging
from collections import OrderedDict
from collections.abc import Mapping, Sequence
from functools import lru_cache
from typing import Any

import aiohttp
from jinja2 import StrictUndefined, Template
from jinja2.sandbox import SandboxedEnvironment

from svc.clients.llm import LlmClient
from svc.errors import CircuitOpenError

logger = logging.getLogger(__name__)


class MacroRenderer:
    """Renders agent macros (saved replies) written in a sandboxed Jinja dialect."""

    def __init__(self) -> None:
        self._env = SandboxedEnvironment(autoescape=True, undefined=StrictUndefined)

    @lru_cache(maxsize=None)
    def _compile(self, source: str) -> Template:
        return self._env.from_string(source)

    def render(self, source: str, context: Mapping[str, Any]) -> str:
        return self._compile(source).render(**context)


class SuggestionService:
    def __init__(self, llm: LlmClient, max_recent: int = 512) -> None:
        self._llm = llm
        self._lock = asyncio.Lock()
        self._recent: OrderedDict[int, str] = OrderedDict()
        self._max_recent = max_recent

    async def suggest(self, ticket_id: int, thread: Sequence[tuple[str, str]]) -> str:
        async with self._lock:
            cached = self._recent.get(ticket_id)
            if cached is not None:
                self._recent.move_to_end(ticket_id)
                return cached
            reply = await self._llm.suggest_reply(thread)
            self._remember(ticket_id, reply)
            return reply

    def _remember(self, ticket_id: int, reply: str) -> None:
        self._recent[ticket_id] = reply
        self._recent.move_to_end(ticket_id)
        while len(self._recent) > self._max_recent:
            self._recent.popitem(last=False)

    def forget(self, ticket_id: int) -> None:
        self._recent.pop(ticket_id, None)

    async def summary(self, thread: Sequence[tuple[str, str]]) -> str | None:
        try:
            return await self._llm.summarize(thread)
        except (aiohttp.ClientError, asyncio.TimeoutError, CircuitOpenError):
            logger.warning("thread summary unavailable", exc_info=True)
            return None
