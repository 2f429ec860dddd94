"""Prescription refills: owner requests, vet approval, dispensing labels."""
from __future__ import annotations

import asyncio
import logging
import subprocess
from datetime import datetime, timezone
from types import MappingProxyType

from sqlalchemy.ext.asyncio import AsyncSession

from svc.clients.formulary import FormularyClient
from svc.config import get_settings
from svc.db.models import RefillRequest
from svc.db.connections import pg
from svc.repositories import prescriptions_repo

logger = logging.getLogger(__name__)

CONTROLLED_SCHEDULES = MappingProxyType({"KET01": 2, "BUP02": 3, "TRM05": 4, "DIA10": 4})


class RefillRejected(Exception):
    pass


class PharmacyService:
    def __init__(self, formulary: FormularyClient) -> None:
        self.formulary = formulary

    async def request_refill(self, session: AsyncSession, prescription_id: int) -> RefillRequest:
        rx = await prescriptions_repo.get_prescription(session, prescription_id)
        if rx is None:
            raise RefillRejected("unknown prescription")
        if rx.drug_code in CONTROLLED_SCHEDULES:
            raise RefillRejected("controlled drugs need a consultation")
        req = RefillRequest(prescription_id=rx.id)
        session.add(req)
        await session.commit()
        return req

    async def approve_refill(self, session: AsyncSession, request_id: int, vet_id: int) -> dict:
        req = await prescriptions_repo.get_refill_request(session, request_id)
        if req is None or req.status != "pending":
            raise RefillRejected("nothing to approve")
        rx = await prescriptions_repo.get_prescription(session, req.prescription_id)
        if rx.refills_remaining <= 0:
            raise RefillRejected("no refills left on this prescription")
        prices = await self.formulary.prices([rx.drug_code])
        rx.refills_remaining = rx.refills_remaining - 1
        rx.last_filled_at = datetime.now(timezone.utc)
        req.status = "approved"
        await session.commit()
        logger.info("refill approved", extra={"request_id": request_id, "vet_id": vet_id})
        return {"request_id": req.id, "refills_remaining": rx.refills_remaining, "unit_cents": prices.get(rx.drug_code)}

    async def auto_refill(self, prescription_id: int) -> int | None:
        async with pg.pool.acquire() as conn:
            return await prescriptions_repo.consume_refill(conn, prescription_id)

    async def print_label(self, label_text: str) -> None:
        printer = get_settings().label_printer
        subprocess.run(["lp", "-d", printer, "-o", "media=Custom.62x29mm", "-"], input=label_text.encode(), check=True)

    async def print_labels_batch(self, labels: list[str]) -> None:
        printer = get_settings().label_printer
        proc = await asyncio.create_subprocess_exec(
            "lp", "-d", printer, "-o", "media=Custom.62x29mm", "-",
            stdin=asyncio.subprocess.PIPE,
        )
        await asyncio.wait_for(proc.communicate("\f".join(labels).encode()), timeout=30)
