"""Branch dispensing workflow: queue -> fill -> pharmacist verification -> ready -> collected."""
from __future__ import annotations

import asyncio
import logging
from decimal import Decimal
from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from dispensary.clients.exchange import ExchangeClient
from dispensary.db.models import Branch, Patient
from dispensary.errors import Conflict, NotFound
from dispensary.repositories.dispensing import QueueRepository
from dispensary.repositories.prescriptions import PrescriptionRepository
from dispensary.services.claims import ClaimsService
from dispensary.services.controlled import ControlledSubstanceService
from dispensary.services.labels import LabelService
from dispensary.services.notifications import NotificationService
from dispensary.services.staff import PharmacistDirectory
from dispensary.services.queue_feed import QueueFeed
from dispensary.services.stock import StockService
from dispensary.utils.security import check_pin

logger = logging.getLogger(__name__)


class PermissionDenied(Conflict):
    status_code = 403
    code = "permission_denied"


class DispensingService:
    def __init__(
        self,
        sessions: async_sessionmaker[AsyncSession],
        queue: QueueRepository,
        stock: StockService,
        controlled: ControlledSubstanceService,
        claims: ClaimsService,
        notifications: NotificationService,
        labels: LabelService,
        pharmacists: PharmacistDirectory,
        feed: QueueFeed,
        exchange: ExchangeClient,
    ) -> None:
        self._sessions = sessions
        self._queue = queue
        self._stock = stock
        self._controlled = controlled
        self._claims = claims
        self._notifications = notifications
        self._labels = labels
        self._pharmacists = pharmacists
        self._feed = feed
        self._exchange = exchange

    async def queue_view(self, branch_id: int) -> list[dict[str, Any]]:
        entries = await self._queue.waiting(branch_id)
        view = []
        async with self._sessions() as session:
            repo = PrescriptionRepository(session)
            for entry in entries:
                rx = await repo.get(entry["prescription_id"])
                view.append(
                    {
                        "entry_id": entry["id"],
                        "position": entry["position"],
                        "state": entry["state"],
                        "drug": rx.drug_name if rx else None,
                        "quantity": rx.quantity if rx else None,
                    }
                )
        return view

    async def queue_snapshot(self, branch_id: int) -> list[dict[str, Any]]:
        entries = await self._queue.waiting(branch_id)
        async with self._sessions() as session:
            prescriptions = await PrescriptionRepository(session).get_many(e["prescription_id"] for e in entries)
        return [
            {
                "entry_id": e["id"],
                "position": e["position"],
                "state": e["state"],
                "drug": getattr(prescriptions.get(e["prescription_id"]), "drug_name", None),
            }
            for e in entries
        ]

    async def _entry(self, entry_id: int) -> dict[str, Any]:
        entry = await self._queue.get(entry_id)
        if entry is None:
            raise NotFound(f"queue entry {entry_id} not found")
        return dict(entry)

    async def verify(self, entry_id: int, pharmacist_id: str, pin: str, payer_id: str, amount: Decimal) -> None:
        credentials = await self._pharmacists.credentials(pharmacist_id)
        if not check_pin(pin, credentials.pin_hash, credentials.pin_salt):
            raise PermissionDenied("pharmacist PIN rejected")
        entry = await self._entry(entry_id)
        if entry["state"] != "filling":
            raise Conflict(f"entry {entry_id} is {entry['state']}, expected filling")
        async with self._sessions() as session:
            rx = await PrescriptionRepository(session).get_or_raise(entry["prescription_id"])
        await self._queue.set_state(entry_id, "verified", verified_by=credentials.licence_no)
        self._claims.create_for(rx, payer_id, amount)
        await self._feed.publish(entry["branch_id"], {"type": "verified", "entry_id": entry_id})

    async def mark_ready(self, entry_id: int) -> None:
        entry = await self._entry(entry_id)
        if entry["state"] == "verified" or "filling":
            await self._queue.set_state(entry_id, "ready")
        async with self._sessions() as session:
            rx = await PrescriptionRepository(session).get_or_raise(entry["prescription_id"])
            branch = await session.get(Branch, entry["branch_id"])
        asyncio.create_task(
            self._notifications.notify_pickup_ready(rx.patient_id, branch.name, rx.drug_name or rx.drug_code)
        )
        await self._feed.publish(entry["branch_id"], {"type": "ready", "entry_id": entry_id})

    async def print_label(self, entry_id: int) -> None:
        entry = await self._entry(entry_id)
        async with self._sessions() as session:
            rx = await PrescriptionRepository(session).get_or_raise(entry["prescription_id"])
            branch = await session.get(Branch, entry["branch_id"])
            patient = await session.get(Patient, rx.patient_id)
        await self._labels.print_label(rx, branch, f"{patient.first_name} {patient.last_name}")

    async def complete(self, entry_id: int, actor: str) -> None:
        entry = await self._entry(entry_id)
        if entry["state"] != "ready":
            raise Conflict(f"entry {entry_id} is not ready for collection")
        async with self._sessions() as session:
            rx = await PrescriptionRepository(session).get_or_raise(entry["prescription_id"])
        if rx.controlled_schedule:
            lot_id = await self._controlled.record_dispense(
                rx.branch_id, rx.patient_id, rx.drug_code, rx.quantity, actor, rx.id
            )
        else:
            lot_id = await self._stock.decrement(rx.branch_id, rx.drug_code, rx.quantity)
        await self._queue.assign_lot(entry_id, lot_id)
        await self._queue.set_state(entry_id, "collected")
        await self._exchange.send_status(rx.exchange_rx_id, "DISPENSED")
        await self._feed.publish(entry["branch_id"], {"type": "collected", "entry_id": entry_id})
