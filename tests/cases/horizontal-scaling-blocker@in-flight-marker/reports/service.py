"""Report builds: one at a time per account, and a shared fetch of exchange rates."""
import asyncio
from datetime import datetime, timezone

import httpx


class Conflict(Exception):
    pass


class ReportService:
    def __init__(self, http: httpx.AsyncClient) -> None:
        self._http = http
        self._building: dict[int, datetime] = {}  # expect: horizontal-scaling-blocker
        self._pending: dict[str, asyncio.Future] = {}
        self._socket_jobs: dict[int, asyncio.Task] = {}

    async def build(self, account_id: int) -> dict:
        if account_id in self._building:
            raise Conflict(f"a report for {account_id} is already being built")
        self._building[account_id] = datetime.now(timezone.utc)
        try:
            resp = await self._http.post("/render", json={"account": account_id})
            return resp.json()
        finally:
            self._building.pop(account_id, None)

    async def rates(self, currency: str) -> dict:
        if currency in self._pending:
            return await self._pending[currency]
        future = asyncio.get_running_loop().create_future()
        self._pending[currency] = future
        try:
            resp = await self._http.get(f"/rates/{currency}")
            future.set_result(resp.json())
            return resp.json()
        finally:
            self._pending.pop(currency, None)

    async def follow(self, account_id: int) -> None:
        if account_id in self._socket_jobs:
            return
        self._socket_jobs[account_id] = asyncio.current_task()
        try:
            await asyncio.sleep(30)
        finally:
            self._socket_jobs.pop(account_id, None)
