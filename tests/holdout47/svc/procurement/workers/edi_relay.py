from __future__ import annotations

import asyncio
import json
import logging

import httpx

from procurement.config import get_settings
from procurement.db.engine import sessionmaker
from procurement.metrics import EDI_DELIVERED, EDI_FAILED
from procurement.repositories import outbox_repo, po_repo, supplier_repo
from procurement.services import edi_service
from procurement.utils.retry import wait_backoff

log = logging.getLogger(__name__)


class EDIDeliveryError(Exception):
    pass


class EDIClient:
    def __init__(self) -> None:
        self._endpoint = get_settings().edi_endpoint
        self._client = httpx.AsyncClient(timeout=None)

    async def deliver(self, partner_id: str, document: str) -> str:
        resp = await self._client.post(
            self._endpoint,
            content=document.encode(),
            headers={"Content-Type": "application/edifact", "X-Partner": partner_id},
        )
        if resp.status_code != 202:
            raise EDIDeliveryError(f"VAN refused document for {partner_id}: {resp.status_code}")
        return resp.headers.get("X-Interchange-Id", "")

    async def aclose(self) -> None:
        await self._client.aclose()


MAX_ATTEMPTS = 8
IDLE_SLEEP = 2.0
SENDER_ID = "BUYERCO01"


async def _deliver_one(edi: EDIClient, message) -> None:
    payload = json.loads(message["payload"]) if isinstance(message["payload"], str) else message["payload"]
    async with sessionmaker()() as session:
        order = await po_repo.get(session, message["po_id"])
        supplier = await supplier_repo.get(session, order.supplier_id) if order else None
    if supplier is None or not supplier.edi_partner_id:
        await outbox_repo.mark_failed(message["id"], give_up=True)
        log.error("outbox %s: supplier for po %s has no EDI partner id", message["id"], message["po_id"])
        return
    document = edi_service.render_orders(payload, SENDER_ID, supplier.edi_partner_id, message["id"])
    try:
        interchange = await edi.deliver(supplier.edi_partner_id, document)
    except EDIDeliveryError:
        EDI_FAILED.inc()
        give_up = message["attempts"] >= MAX_ATTEMPTS
        await outbox_repo.mark_failed(message["id"], give_up=give_up)
        if not give_up:
            wait_backoff(message["attempts"])
        return
    await outbox_repo.mark_sent(message["id"], interchange)
    EDI_DELIVERED.inc()


async def run(edi: EDIClient, stop: asyncio.Event) -> None:
    batch_size = get_settings().edi_batch_size
    while not stop.is_set():
        try:
            batch = await outbox_repo.claim_batch(batch_size)
            if not batch:
                await asyncio.sleep(IDLE_SLEEP)
                continue
            for message in batch:
                await _deliver_one(edi, message)
        except asyncio.CancelledError:
            raise
        except Exception:
            log.exception("edi relay iteration failed")
            await asyncio.sleep(5)
