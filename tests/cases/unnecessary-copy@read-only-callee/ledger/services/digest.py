"""Per-agent digests sent concurrently."""
from __future__ import annotations

import asyncio
import copy
from dataclasses import dataclass
from typing import Any


@dataclass
class Ticket:
    id: int
    subject: str
    assignee_id: int


class DigestWorker:
    def __init__(self, mail: Any) -> None:
        self._mail = mail

    async def run(self, agents: list[int], stale: list[Ticket]) -> None:
        await asyncio.gather(*(self._send(agent, stale) for agent in agents))
        await asyncio.gather(*(self._send_slowly(agent, stale) for agent in agents))

    async def _send(self, agent: int, stale: list[Ticket]) -> None:
        mine = copy.deepcopy([t for t in stale if t.assignee_id == agent])  # expect: unnecessary-copy
        await self._mail.send(agent, self._render(mine))

    async def _send_slowly(self, agent: int, stale: list[Ticket]) -> None:
        mine = copy.deepcopy([t for t in stale if t.assignee_id == agent])  # read across awaits below
        await self._mail.send(agent, await self._render_later(mine))

    @staticmethod
    def _render(mine: list[Ticket]) -> str:
        return "".join(f"<li>#{t.id} {t.subject}</li>" for t in mine[:20])

    async def _render_later(self, mine: list[Ticket]) -> str:
        await asyncio.sleep(0)
        return "".join(f"<li>#{t.id} {t.subject}</li>" for t in mine)
