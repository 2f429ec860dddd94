"""Payout API: transfers go through the retrying helper; two sends bypass it on purpose."""
from __future__ import annotations

import asyncio

import httpx


class PayoutApi:
    def __init__(self, base_url: str) -> None:
        self._http = httpx.AsyncClient(base_url=base_url, timeout=10.0)

    async def _post_retrying(self, path: str, body: dict, key: str) -> dict:
        for attempt in range(4):
            try:
                resp = await self._http.post(path, json=body, headers={"Idempotency-Key": key})
                resp.raise_for_status()
                return resp.json()
            except httpx.TransportError:
                if attempt == 3:
                    raise
                await asyncio.sleep(0.25 * 2 ** attempt)
        raise RuntimeError("unreachable")

    async def transfer(self, account: str, cents: int, ref: str) -> dict:
        return await self._post_retrying("/transfers", {"account": account, "cents": cents}, ref)

    async def reverse(self, transfer_id: str, ref: str) -> dict:
        return await self._post_retrying(f"/transfers/{transfer_id}/reverse", {}, ref)

    async def open_dispute(self, transfer_id: str, reason: str) -> dict:
        # no idempotency key: a repeated POST would open a second dispute
        resp = await self._http.post("/disputes", json={"transfer": transfer_id, "reason": reason})
        resp.raise_for_status()
        return resp.json()

    async def submit_batch(self, batch_id: str, rows: list[dict]) -> dict:
        # Sent once on purpose: a lost answer is resolved by the nightly reconciler, which
        # looks the batch up by its idempotency key.
        resp = await self._http.post("/batches", json={"rows": rows}, headers={"Idempotency-Key": batch_id})
        resp.raise_for_status()
        return resp.json()
