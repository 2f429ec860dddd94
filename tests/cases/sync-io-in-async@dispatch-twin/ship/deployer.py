from __future__ import annotations

import httpx
import requests

from ship.dispatch import dual


class Deployer:
    def __init__(self, base: str) -> None:
        self.base = base

    async def apush(self, name: str) -> int:
        async with httpx.AsyncClient(base_url=self.base, timeout=10) as client:
            return (await client.post("/deploy", json={"name": name})).status_code

    @dual(apush)
    def push(self, name: str) -> int:
        return requests.post(f"{self.base}/deploy", json={"name": name}, timeout=10).status_code

    def status(self, name: str) -> str:
        return requests.get(f"{self.base}/status/{name}").text  # expect: sync-io-in-async
