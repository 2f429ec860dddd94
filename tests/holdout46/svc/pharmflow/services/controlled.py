"""Controlled-substance checks against the state PDMP registry."""
from __future__ import annotations

import logging
from dataclasses import dataclass

import redis.asyncio as redis

from ..clients.registry import RegistryClient, RegistryReport
from ..db.models import Patient, Pharmacy, Prescription
from ..db.pg import pool
from ..utils.timeutil import today_utc

log = logging.getLogger(__name__)

DAILY_UNITS_LIMIT = 240
QUOTA_TTL_SECONDS = 26 * 3600

RISK_REVIEW_THRESHOLD = 60
RISK_BLOCK_THRESHOLD = 85
MAX_PRESCRIBERS_90D = 4


@dataclass(slots=True)
class ControlledDecision:
    allowed: bool
    requires_review: bool
    reasons: list[str]
    report: RegistryReport | None = None


class ControlledSubstanceService:
    def __init__(self, registry: RegistryClient) -> None:
        self.registry = registry

    async def evaluate(self, rx: Prescription, patient: Patient, pharmacy: Pharmacy) -> ControlledDecision:
        if rx.schedule is None:
            return ControlledDecision(allowed=True, requires_review=False, reasons=[])
        if not pharmacy.accepts_controlled:
            return ControlledDecision(allowed=False, requires_review=False, reasons=["pharmacy not licensed for controlled"])
        report = await self.registry.patient_history(patient.first_name, patient.last_name, patient.birth_date.isoformat(), pharmacy.state)
        reasons: list[str] = []
        if report.risk_score >= RISK_BLOCK_THRESHOLD:
            reasons.append(f"risk score {report.risk_score}")
            decision = ControlledDecision(allowed=False, requires_review=True, reasons=reasons, report=report)
        elif report.risk_score >= RISK_REVIEW_THRESHOLD or report.prescriber_count > MAX_PRESCRIBERS_90D:
            reasons.append("elevated registry risk")
            decision = ControlledDecision(allowed=True, requires_review=True, reasons=reasons, report=report)
        else:
            decision = ControlledDecision(allowed=True, requires_review=False, reasons=reasons, report=report)
        await self._store(rx, patient, report)
        return decision

    async def reserve_daily_units(self, conn: redis.Redis, patient_id: int, units: int) -> bool:
        """Enforce the per-patient daily cap on controlled units dispensed across all pharmacies."""
        key = f"cs-units:{patient_id}:{today_utc().isoformat()}"
        used = int(await conn.get(key) or 0)
        if used + units > DAILY_UNITS_LIMIT:
            log.warning("patient %s would exceed daily controlled units (%d + %d)", patient_id, used, units)
            return False
        await conn.set(key, used + units, ex=QUOTA_TTL_SECONDS)
        return True

    async def release_daily_units(self, conn: redis.Redis, patient_id: int, units: int) -> None:
        key = f"cs-units:{patient_id}:{today_utc().isoformat()}"
        async with conn.pipeline(transaction=True) as pipe:
            pipe.decrby(key, units)
            pipe.expire(key, QUOTA_TTL_SECONDS)
            await pipe.execute()

    async def _store(self, rx: Prescription, patient: Patient, report: RegistryReport) -> None:
        async with pool().acquire() as conn:
            await conn.execute(
                "INSERT INTO registry_checks (prescription_id, patient_id, risk_score, flags) VALUES ($1, $2, $3, $4)",
                rx.id,
                patient.id,
                report.risk_score,
                report.flags,
            )

    def apply_override(self, decision: ControlledDecision, pharmacist_id: int, justification: str) -> ControlledDecision:
        if not justification.strip():
            return decision
        decision.allowed = True
        decision.requires_review = False
        return decision

    async def report_dispense(self, rx: Prescription, pharmacy: Pharmacy, quantity: int) -> None:
        try:
            await self.registry.report_dispense(
                {"rx": rx.external_id, "ndc": rx.ndc, "qty": quantity, "pharmacy": pharmacy.ncpdp_id, "schedule": rx.schedule}
            )
        except Exception:
            log.exception("PDMP dispense report failed for rx %s; queued for retry by reconciliation", rx.id)
            async with pool().acquire() as conn:
                await conn.execute(
                    "INSERT INTO audit_events (actor_type, actor_id, action, subject_type, subject_id) VALUES ('system', 'pdmp', 'pdmp.report_failed', 'prescription', $1)",
                    str(rx.id),
                )
