"""SMS notifications and transfer receipts."""
from __future__ import annotations

import asyncio
import logging
from pathlib import Path

import httpx

from ..models import Transfer
from ..utils.files import render

log = logging.getLogger(__name__)


class Notifier:
    def __init__(self, http: httpx.AsyncClient, sms_url: str) -> None:
        self._http = http
        self._sms_url = sms_url
        self._inflight: set[asyncio.Task[None]] = set()

    async def _send_sms(self, msisdn: str, text: str) -> None:
        try:
            resp = await self._http.post(self._sms_url, json={"to": msisdn, "text": text})
            resp.raise_for_status()
        except httpx.HTTPError:
            log.exception("sms to %s failed", msisdn[-4:])

    def notify_recipient(self, msisdn: str | None, text: str) -> None:
        if not msisdn:
            return
        asyncio.create_task(self._send_sms(msisdn, text), name="sms-recipient")

    def notify_sender(self, msisdn: str, text: str) -> None:
        task = asyncio.create_task(self._send_sms(msisdn, text))
        self._inflight.add(task)
        task.add_done_callback(self._inflight.discard)

    async def drain(self, timeout: float = 5.0) -> None:
        if self._inflight:
            await asyncio.wait(set(self._inflight), timeout=timeout)


def render_receipt(template_dir: Path, transfer: Transfer) -> str:
    return render(
        template_dir,
        "receipt",
        transfer_id=str(transfer.id),
        recipient=transfer.recipient_name,
        sent=f"{transfer.source_amount}",
        received=f"{transfer.target_amount}",
        fee=f"{transfer.fee}",
        status=transfer.status.value,
    )
