from __future__ import annotations

from dataclasses import dataclass
import datetime as dt

import asyncpg
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from ..models import Appointment, AppointmentStatus, CalendarSlot, Claim, Clinician, Patient

VISIT_CPT_BY_MINUTES = ((40, "99215"), (30, "99214"), (20, "99213"), (0, "99212"))
TELEHEALTH_MODIFIER = "95"
PLACE_OF_SERVICE = "10"


@dataclass(frozen=True)
class FeeRow:
    payer_id: str
    cpt: str
    allowed_cents: int


def cpt_for_duration(minutes: int) -> str:
    for threshold, code in VISIT_CPT_BY_MINUTES:
        if minutes >= threshold:
            return code
    return VISIT_CPT_BY_MINUTES[-1][1]


def fee_for(schedule: list[FeeRow], payer_id: str, cpt: str) -> int:
    for row in schedule:
        if row.payer_id == payer_id and row.cpt == cpt:
            return row.allowed_cents
    return 0


def index_schedule(schedule: list[FeeRow]) -> dict[tuple[str, str], int]:
    return {(row.payer_id, row.cpt): row.allowed_cents for row in schedule}


class ClaimBuilder:
    def __init__(self, session: AsyncSession, schedule: list[FeeRow]) -> None:
        self.session = session
        self.schedule = schedule
        self._fees = index_schedule(schedule)

    async def completed_without_claim(self, since: dt.datetime) -> list[tuple[Appointment, Patient, Clinician, CalendarSlot]]:
        stmt = (
            select(Appointment, Patient, Clinician, CalendarSlot)
            .join(Patient, Patient.id == Appointment.patient_id)
            .join(Clinician, Clinician.id == Appointment.clinician_id)
            .join(CalendarSlot, CalendarSlot.id == Appointment.slot_id)
            .outerjoin(Claim, Claim.appointment_id == Appointment.id)
            .where(Appointment.status == AppointmentStatus.COMPLETED)
            .where(CalendarSlot.starts_at >= since)
            .where(Claim.id.is_(None))
        )
        return [tuple(r) for r in (await self.session.execute(stmt)).all()]

    def build(self, appointment: Appointment, patient: Patient, clinician: Clinician, slot: CalendarSlot) -> Claim:
        minutes = int((slot.ends_at - slot.starts_at).total_seconds() // 60)
        cpt = cpt_for_duration(minutes)
        allowed = self._fees.get((patient.payer_id, cpt), 0)
        return Claim(appointment_id=appointment.id, payer_id=patient.payer_id, amount_cents=allowed)

    def build_adjusted(self, appointment: Appointment, patient: Patient, slot: CalendarSlot, extra_codes: list[str]) -> Claim:
        total = 0
        for cpt in [cpt_for_duration(int((slot.ends_at - slot.starts_at).total_seconds() // 60)), *extra_codes]:
            total += fee_for(self.schedule, patient.payer_id, cpt)
        return Claim(appointment_id=appointment.id, payer_id=patient.payer_id, amount_cents=total)

    async def create_missing(self, since: dt.datetime) -> int:
        rows = await self.completed_without_claim(since)
        claims = [self.build(a, p, c, s) for a, p, c, s in rows if p.payer_id]
        self.session.add_all(claims)
        await self.session.commit()
        return len(claims)


def to_837_payload(claim_row: dict, patient: dict, clinician: dict, service_date: dt.date) -> dict:
    amount = Decimal(claim_row["amount_cents"]) / 100
    return {
        "claimId": claim_row["id"],
        "payerId": claim_row["payer_id"],
        "subscriber": {"memberId": patient["member_id"], "firstName": patient["first_name"], "lastName": patient["last_name"]},
        "renderingProvider": {"npi": clinician["npi"]},
        "serviceLines": [
            {
                "procedureCode": claim_row.get("cpt", "99213"),
                "modifiers": [TELEHEALTH_MODIFIER],
                "placeOfService": PLACE_OF_SERVICE,
                "chargeAmount": str(amount),
                "serviceDate": service_date.isoformat(),
            }
        ],
    }


@dataclass(frozen=True)
class RemittanceLine:
    payer_claim_id: str
    status: str
    paid_cents: int
    adjustment_codes: tuple[str, ...]


def parse_remittance(document: dict) -> list[RemittanceLine]:
    lines = []
    for item in document.get("claimPayments", []):
        adjustments = tuple(adj["reasonCode"] for adj in item.get("adjustments", []))
        paid = int(round(float(item.get("paidAmount", "0")) * 100))
        status = "paid" if paid > 0 else ("denied" if item.get("statusCode") == "4" else "adjusted")
        lines.append(RemittanceLine(item["payerClaimControlNumber"], status, paid, adjustments))
    return lines


async def apply_remittance(pool: asyncpg.Pool, document: dict) -> int:
    lines = parse_remittance(document)
    if not lines:
        return 0
    async with pool.acquire(timeout=5) as conn:
        async with conn.transaction():
            await conn.executemany(
                "UPDATE claims SET status = $2 WHERE payer_claim_id = $1",
                [(line.payer_claim_id, line.status) for line in lines],
            )
    return len(lines)
