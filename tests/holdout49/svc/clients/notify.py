from __future__ import annotations

import logging

import httpx

from svc.config import get_settings

log = logging.getLogger(__name__)


class Notifier:
    """Sends outbid / won / payout e-mails and pushes through the notifier service."""

    def __init__(self, client: httpx.AsyncClient) -> None:
        self._client = client
        self._url = get_settings().notify_url

    async def _send(self, user_id: int, template: str, data: dict) -> None:
        resp = await self._client.post(self._url, json={"user": user_id, "template": template, "data": data})
        resp.raise_for_status()

    async def send_outbid(self, user_id: int, lot_id: int, amount_cents: int) -> None:
        try:
            await self._send(user_id, "outbid", {"lot": lot_id, "amount": amount_cents})
        except Exception:
            pass

    async def send_won(self, user_id: int, lot_id: int, amount_cents: int) -> None:
        try:
            await self._send(user_id, "won", {"lot": lot_id, "amount": amount_cents})
        except httpx.HTTPError:
            log.exception("won notification failed user=%s lot=%s", user_id, lot_id)

    async def send_payout(self, seller_user_id: int, payout_id: int, amount_cents: int) -> None:
        try:
            await self._send(seller_user_id, "payout_sent", {"payout": payout_id, "amount": amount_cents})
        except httpx.HTTPError:
            log.exception("payout notification failed payout=%s", payout_id)

    async def notify_seller_webhook(self, url: str, event: dict) -> None:
        async with httpx.AsyncClient(timeout=None) as client:
            await client.post(url, json=event)
