"""E-prescription intake from the national exchange, refills and cancellations."""
from __future__ import annotations

import logging
from datetime import datetime
from typing import Any

from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from dispensary.clients.drugdb import DrugDbClient
from dispensary.clients.exchange import ExchangeClient
from dispensary.db.models import Prescription
from dispensary.errors import Conflict, NotFound
from dispensary.repositories.dispensing import QueueRepository
from dispensary.repositories.prescriptions import PrescriptionRepository
from dispensary.services.interactions import InteractionService
from dispensary.services.queue_feed import QueueFeed
from dispensary.utils.ndc import normalize_ndc
from dispensary.utils.sig import estimated_days_supply

logger = logging.getLogger(__name__)

_INTAKE_STATS: dict[str, int] = {"received": 0, "duplicates": 0, "cancelled": 0}


def intake_stats() -> dict[str, int]:
    return dict(_INTAKE_STATS)


class PrescriptionService:
    def __init__(
        self,
        sessions: async_sessionmaker[AsyncSession],
        exchange: ExchangeClient,
        drugdb: DrugDbClient,
        interactions: InteractionService,
        queue: QueueRepository,
        feed: QueueFeed,
    ) -> None:
        self._sessions = sessions
        self._exchange = exchange
        self._drugdb = drugdb
        self._interactions = interactions
        self._queue = queue
        self._feed = feed

    async def intake(self, exchange_rx_id: str, branch_id: int) -> int:
        payload = await self._exchange.fetch_prescription(exchange_rx_id)
        drug_code = normalize_ndc(payload["drug_code"])
        product = await self._drugdb.product(drug_code)
        values = _prescription_values(payload, drug_code, product, branch_id)
        async with self._sessions() as session, session.begin():
            stmt = (
                pg_insert(Prescription)
                .values(**values)
                .on_conflict_do_nothing(index_elements=[Prescription.exchange_rx_id])
                .returning(Prescription.id)
            )
            rx_id = (await session.execute(stmt)).scalar_one_or_none()
            if rx_id is None:
                _INTAKE_STATS["duplicates"] += 1
                existing = await PrescriptionRepository(session).get_by_exchange_rx_id(exchange_rx_id)
                return existing.id
        _INTAKE_STATS["received"] += 1
        await self._interactions.screen(values["patient_id"], drug_code)
        entry_id = await self._queue.enqueue(branch_id, rx_id)
        await self._exchange.send_status(exchange_rx_id, "RECEIVED")
        await self._feed.publish(branch_id, {"type": "queued", "entry_id": entry_id, "prescription_id": rx_id})
        return rx_id

    async def start_refill(self, rx_id: int) -> int:
        async with self._sessions() as session:
            rx = await PrescriptionRepository(session).get_or_raise(rx_id)
            if rx.refills_remaining <= 0:
                raise Conflict(f"prescription {rx_id} has no refills remaining")
            await self._interactions.screen(rx.patient_id, rx.drug_code)
            rx.refills_remaining = rx.refills_remaining - 1
            rx.status = "in_progress"
            branch_id = rx.branch_id
            await session.commit()
        entry_id = await self._queue.enqueue(branch_id, rx_id)
        await self._feed.publish(branch_id, {"type": "queued", "entry_id": entry_id, "prescription_id": rx_id})
        return entry_id

    async def cancel(self, rx_id: int, reason: str) -> None:
        async with self._sessions() as session, session.begin():
            rx = await PrescriptionRepository(session).get_for_update(rx_id)
            if rx is None:
                raise NotFound(f"prescription {rx_id} not found")
            rx.status = "cancelled"
            rx.refills_remaining = 0
            exchange_rx_id = rx.exchange_rx_id
        _INTAKE_STATS["cancelled"] += 1
        self._exchange.send_status(exchange_rx_id, "CANCELLED", reason)

    async def handle_exchange_event(self, event: dict[str, Any]) -> None:
        """Events pushed by the exchange: prescriber cancellations and change requests."""
        if event["type"] == "CancelRx":
            async with self._sessions() as session:
                rx = await PrescriptionRepository(session).get_by_exchange_id(event["rx_id"])
            if rx is not None:
                await self.cancel(rx.id, event.get("reason", "prescriber cancelled"))
        elif event["type"] == "RxChangeResponse":
            logger.info("change response for %s: %s", event["rx_id"], event.get("decision"))
        else:
            logger.warning("ignoring exchange event type %s", event["type"])


def _prescription_values(
    payload: dict[str, Any], drug_code: str, product: dict[str, Any], branch_id: int
) -> dict[str, Any]:
    quantity = int(payload["quantity"])
    return {
        "exchange_rx_id": payload["rx_id"],
        "patient_id": int(payload["patient"]["chain_patient_no"].lstrip("P")),
        "branch_id": branch_id,
        "prescriber_npi": payload["prescriber"]["npi"],
        "drug_code": drug_code,
        "drug_name": product["display_name"],
        "sig_text": payload["sig"],
        "quantity": quantity,
        "days_supply": payload.get("days_supply") or estimated_days_supply(quantity, payload["sig"]),
        "refills_remaining": int(payload.get("refills", 0)),
        "controlled_schedule": product.get("dea_schedule"),
        "status": "received",
        "received_at": datetime.fromisoformat(payload["written_at"]),
    }
