"""Account syncs started by a request and run in the background."""
from __future__ import annotations

import asyncio
from typing import Any


class Conflict(Exception):
    pass


class SyncService:
    def __init__(self, http: Any) -> None:
        self._http = http
        self._running: set[int] = set()  # expect: horizontal-scaling-blocker
        self._refreshing: dict[str, asyncio.Future] = {}
        self._tasks: set[asyncio.Task] = set()

    async def request_sync(self, account_id: int) -> dict:
        if account_id in self._running:
            raise Conflict("a sync is already running for this account")
        self._running.add(account_id)
        task = asyncio.create_task(self._sync(account_id))
        self._tasks.add(task)
        task.add_done_callback(self._tasks.discard)
        return {"started": account_id}

    async def _sync(self, account_id: int) -> None:
        try:
            await self._http.post("/sync", json={"account": account_id})
        finally:
            self._running.discard(account_id)

    async def refresh(self, region: str) -> Any:
        if region in self._refreshing:
            return await self._refreshing[region]
        future = asyncio.get_running_loop().create_future()
        self._refreshing[region] = future
        asyncio.create_task(self._refresh(region, future))
        return await future

    async def _refresh(self, region: str, future: asyncio.Future) -> None:
        try:
            resp = await self._http.get(f"/prices/{region}")
            future.set_result(resp.json())
        finally:
            self._refreshing.pop(region, None)
