"""Posts ledger entries from an arq job; a failed entry is marked and left."""
from __future__ import annotations

from typing import Any

from arq.connections import RedisSettings

from .clients import Ledger, LedgerDown


async def post_entries(ctx: dict[str, Any], entries: list[tuple[int, int]]) -> None:
    ledger = Ledger(ctx["ledger_url"])
    repo = ctx["repo"]
    for entry_id, cents in entries:
        try:
            await ledger.append(entry_id, cents)
        except LedgerDown:
            await repo.set_state(entry_id, "failed")


class WorkerSettings:
    functions = [post_entries]
    redis_settings = RedisSettings()
