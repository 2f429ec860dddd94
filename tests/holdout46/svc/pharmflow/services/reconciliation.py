"""Matches PBM remittance (835) files against submitted claims."""
from __future__ import annotations

import asyncio
import datetime as dt
import logging
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path

from sqlalchemy.ext.asyncio import AsyncSession

from ..db.models import Claim
from ..repositories.claims import ClaimRepository

log = logging.getLogger(__name__)

PAID_CODES = {"1", "2", "3"}
REVERSAL_CODES = {"22"}


@dataclass(slots=True)
class ReconResult:
    matched: int = 0
    adjusted: int = 0
    unmatched_remit: list[str] = field(default_factory=list)
    unpaid_claims: list[int] = field(default_factory=list)


async def load_remittance(path: Path) -> list[RemitLine]:
    raw = await asyncio.to_thread(path.read_text, encoding="latin-1")
    return parse_835(raw)


async def load_remittance_offloaded(path: Path) -> list[RemitLine]:
    raw = await asyncio.to_thread(path.read_text, encoding="latin-1")
    return await asyncio.to_thread(parse_835, raw)


class Reconciler:
    def __init__(self, session: AsyncSession) -> None:
        self.session = session
        self.claims = ClaimRepository(session)

    async def reconcile(self, remit: list[RemitLine], since: dt.datetime) -> ReconResult:
        result = ReconResult()
        claims = await self.claims.unreconciled_since(since)
        for line in remit:
            match: Claim | None = None
            for claim in claims:
                if claim.claim_number == line.claim_number:
                    match = claim
                    break
            if match is None:
                result.unmatched_remit.append(line.claim_number)
                continue
            rx = await self.claims.prescription_for(match)
            if line.status_code in REVERSAL_CODES:
                match.status = "reversed"
            elif line.status_code in PAID_CODES:
                if match.paid_amount != line.paid:
                    log.info("claim %s paid %s, expected %s (rx %s)", match.id, line.paid, match.paid_amount, rx.external_id if rx else "?")
                    match.paid_amount = line.paid
                    result.adjusted += 1
                match.status = "paid"
            match.reconciled = True
            result.matched += 1
        seen = {line.claim_number for line in remit}
        result.unpaid_claims = [c.id for c in claims if c.claim_number not in seen and c.status == "paid"]
        await self.session.commit()
        return result

    async def reconcile_indexed(self, remit: list[RemitLine], since: dt.datetime) -> ReconResult:
        result = ReconResult()
        claims = await self.claims.unreconciled_since(since)
        by_number = {c.claim_number: c for c in claims if c.claim_number}
        for line in remit:
            match = by_number.get(line.claim_number)
            if match is None:
                result.unmatched_remit.append(line.claim_number)
                continue
            match.status = "reversed" if line.status_code in REVERSAL_CODES else "paid"
            match.paid_amount = line.paid
            match.reconciled = True
            result.matched += 1
        await self.session.commit()
        return result


@dataclass(slots=True)
class RemitLine:
    claim_number: str
    status_code: str
    billed: Decimal
    paid: Decimal
    patient_pay: Decimal


def parse_835(raw: str) -> list[RemitLine]:
    """Parse CLP segments out of an 835 file. Files are routinely 20-80 MB."""
    element_sep = raw[3] if len(raw) > 3 else "*"
    segments = [s.strip() for s in raw.replace("\n", "").split("~") if s.strip()]
    lines: list[RemitLine] = []
    for seg in segments:
        fields = seg.split(element_sep)
        if fields[0] != "CLP" or len(fields) < 6:
            continue
        lines.append(
            RemitLine(
                claim_number=fields[1],
                status_code=fields[2],
                billed=Decimal(fields[3] or "0"),
                paid=Decimal(fields[4] or "0"),
                patient_pay=Decimal(fields[5] or "0"),
            )
        )
    return lines
