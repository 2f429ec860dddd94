from __future__ import annotations

import asyncio

import aiohttp
import httpx

from alerts.hooks import Billing, notify_customer
from alerts.pager import Pager


async def run(queue: asyncio.Queue) -> None:
    async with aiohttp.ClientSession(base_url="https://pager.example.com",
                                     timeout=aiohttp.ClientTimeout(total=10)) as session, \
            httpx.AsyncClient(base_url="https://billing.example.com", timeout=5.0) as http:
        pager, billing = Pager(session), Billing(http)
        while True:
            alert = await queue.get()
            await pager.page(alert["team"], alert["summary"])
            await notify_customer(http, alert["hook"], alert)
            await billing.record_usage(alert["account"], 1)


async def settle(http: httpx.AsyncClient, queue: asyncio.Queue) -> None:
    from alerts.hooks import Ledger

    ledger = Ledger(http)
    while True:
        item = await queue.get()
        result = await ledger.transfer(item["account"], item["cents"])
        if not result.ok:
            await queue.put(item)
        await ledger.tag(item["account"], "settled")
