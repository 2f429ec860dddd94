"""Two-step signup: start keeps a draft, finish reads it back and removes it."""
import asyncio
from dataclasses import dataclass
from typing import Any


@dataclass
class Draft:
    email: str
    plan: str


class SignupService:
    def __init__(self) -> None:
        self._drafts: dict[str, Draft] = {}  # expect: stateful-component
        self._tasks: set[asyncio.Task[Any]] = set()

    async def start(self, token: str, email: str, plan: str) -> None:
        self._drafts[token] = Draft(email, plan)

    async def finish(self, token: str) -> dict[str, str]:
        draft = self._drafts.get(token)
        if draft is None:
            raise KeyError(token)
        self._drafts.pop(token, None)
        self._spawn(self._welcome(draft.email))
        return {"email": draft.email, "plan": draft.plan}

    def _spawn(self, coro) -> None:
        task = asyncio.create_task(coro)
        self._tasks.add(task)
        task.add_done_callback(self._tasks.discard)

    async def _welcome(self, email: str) -> None:
        await asyncio.sleep(0)


class Quotas:
    """Per-call scratch: the dict is filled and read within one call only."""

    def __init__(self) -> None:
        self._scratch: dict[str, int] = {}

    async def total(self, items: list[str]) -> int:
        self._scratch.clear()
        for item in items:
            self._scratch[item] = self._scratch.get(item, 0) + 1
        return sum(self._scratch.values())
