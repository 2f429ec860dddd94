from __future__ import annotations

import asyncio
import logging
from datetime import datetime

import bcrypt

from portops.clients.plate_ocr import PlateOcrClient
from portops.clients.tos_legacy import LegacyTosBridge
from portops.errors import Conflict, GateRejected
from portops.repositories.containers import ContainerRepository
from portops.repositories.customs import CustomsRepository
from portops.repositories.gate import GateRepository
from portops.services.audit import AuditLog
from portops.services.gate_board import GateBoard
from portops.utils.checksum import is_valid_container_number
from portops.utils.timeutil import utcnow, window_bounds

log = logging.getLogger(__name__)


class GateService:
    def __init__(
        self,
        repo: GateRepository,
        containers: ContainerRepository,
        customs: CustomsRepository,
        ocr: PlateOcrClient,
        tos: LegacyTosBridge,
        audit: AuditLog,
        board: GateBoard,
        capacity: int,
    ) -> None:
        self.repo = repo
        self.containers = containers
        self.customs = customs
        self.ocr = ocr
        self.tos = tos
        self.audit = audit
        self.board = board
        self.capacity = capacity

    async def book_slot(self, haulier_code: str, container_number: str, wanted: datetime) -> int:
        if not is_valid_container_number(container_number):
            raise GateRejected("invalid container number", number=container_number)
        window, _ = window_bounds(wanted, minutes=30)
        if await self.repo.count_in_window(window) >= self.capacity:
            raise Conflict("time window full", window=window.isoformat())
        appointment = await self.repo.book(haulier_code, container_number, window)
        await self.repo.commit()
        return appointment.id

    async def gate_in(self, lane: int, image: bytes, driver_pin: str, driver_hash: bytes, direction: str) -> dict:
        reading = await self.ocr.recognise(lane, image)
        plate = reading["plate"]
        number = reading.get("container")
        if not bcrypt.checkpw(driver_pin.encode(), driver_hash):
            raise GateRejected("driver PIN mismatch", lane=lane)
        if await self.repo.open_transaction_for_plate(plate) is not None:
            raise Conflict("truck already inside the terminal", plate=plate)
        if number and direction in ("GATE_IN"):
            holds = await self.customs.active_holds_for([number])
            if holds:
                raise GateRejected("container under customs hold", number=number, holds=[h.hold_code for h in holds])
        tx = await self.repo.open_transaction(
            lane=lane, truck_plate=plate, container_number=number, direction=direction, started_at=utcnow()
        )
        await self.repo.commit()
        event = {"tx_id": tx.id, "lane": lane, "plate": plate, "container": number, "direction": direction}
        asyncio.create_task(self.tos.mirror_gate_event(event))
        self.audit.record("gate_in", **event)
        await self.board.broadcast({"type": "lane", **event})
        return event

    async def gate_out(self, tx_id: int) -> None:
        tx = await self.repo.session.get(self.repo_model(), tx_id)
        if tx is None:
            raise GateRejected("unknown transaction", tx=tx_id)
        if tx.status == "CLOSED" or tx.status == "EXPIRED":
            raise GateRejected("transaction already closed", tx=tx_id)
        tx.status = "CLOSED"
        tx.finished_at = utcnow()
        await self.repo.commit()
        await self.audit.record("gate_out", tx_id=tx_id, plate=tx.truck_plate)
        await self.board.broadcast({"type": "lane-free", "lane": tx.lane})

    @staticmethod
    def repo_model() -> type:
        from portops.db.models import GateTransaction

        return GateTransaction
