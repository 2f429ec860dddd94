"""Background poller started by the lifespan."""
import asyncio

import httpx
import requests

STATUS_URL = "https://status.example.com/api"


async def poll_forever() -> None:
    async with httpx.AsyncClient(timeout=5) as client:
        while True:
            await client.get(STATUS_URL)
            legacy = requests.get(STATUS_URL + "/legacy")  # expect: sync-io-in-async
            await asyncio.sleep(30 if legacy.ok else 5)
