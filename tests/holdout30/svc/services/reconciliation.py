from __future__ import annotations

import asyncio
import copy
import hashlib
import logging
import re
import uuid
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from fastapi import HTTPException
from lxml import etree

from svc.clients.bank import decrypt_statement
from svc.config import Settings
from svc.db.ledger_repo import StatementRepository
from svc.errors import ConflictError, InvalidStatement
from svc.services.payments import PaymentService

log = logging.getLogger(__name__)

CAMT_NS = {"c": "urn:iso:std:iso:20022:tech:xsd:camt.053.001.08"}
INVOICE_REF = re.compile(r"\bINV-\d{7}\b")


@dataclass(slots=True)
class StatementEntry:
    booking_date: date
    amount: Decimal
    currency: str
    reference: str
    counterparty: str | None


@dataclass(slots=True)
class ParsedStatement:
    iban: str
    sha256: str
    entries: list[StatementEntry] = field(default_factory=list)


@dataclass(slots=True)
class MatchResult:
    import_id: uuid.UUID
    matched: int
    unmatched: int


def parse_camt053(payload: bytes) -> ParsedStatement:
    try:
        root = etree.fromstring(payload)
    except etree.XMLSyntaxError as exc:
        raise InvalidStatement("statement is not valid camt.053 XML") from exc
    iban = root.findtext(".//c:Stmt/c:Acct/c:Id/c:IBAN", namespaces=CAMT_NS)
    if not iban:
        raise InvalidStatement("statement has no account IBAN")
    statement = ParsedStatement(iban=iban, sha256=hashlib.sha256(payload).hexdigest())
    for ntry in root.iterfind(".//c:Ntry", namespaces=CAMT_NS):
        if ntry.findtext("c:CdtDbtInd", namespaces=CAMT_NS) != "CRDT":
            continue
        amt = ntry.find("c:Amt", namespaces=CAMT_NS)
        statement.entries.append(
            StatementEntry(
                booking_date=date.fromisoformat(ntry.findtext("c:BookgDt/c:Dt", namespaces=CAMT_NS)),
                amount=Decimal(amt.text),
                currency=amt.get("Ccy"),
                reference=ntry.findtext(".//c:RmtInf/c:Ustrd", default="", namespaces=CAMT_NS),
                counterparty=ntry.findtext(".//c:RltdPties/c:Dbtr/c:Nm", namespaces=CAMT_NS),
            )
        )
    return statement


class ReconciliationService:
    """Bank statement imports and matching of credits to open invoices."""

    def __init__(self, settings: Settings, statements: StatementRepository, payments: PaymentService) -> None:
        self._settings = settings
        self._statements = statements
        self._payments = payments
        self._previews: dict[uuid.UUID, ParsedStatement] = {}
        self._account_locks: defaultdict[str, asyncio.Lock] = defaultdict(asyncio.Lock)

    async def preview_upload(self, filename: str, payload: bytes) -> tuple[uuid.UUID, ParsedStatement]:
        if filename.endswith(".gpg"):
            payload = decrypt_statement(self._settings.gpg_binary, payload)
        statement = await asyncio.to_thread(parse_camt053, payload)
        preview_id = uuid.uuid4()
        self._previews[preview_id] = statement
        return preview_id, statement

    async def confirm_upload(self, tenant_id: uuid.UUID, preview_id: uuid.UUID) -> MatchResult:
        statement = self._previews.pop(preview_id, None)
        if statement is None:
            raise HTTPException(status_code=404, detail="preview expired or unknown")
        return await self.import_statement(tenant_id, statement)

    async def import_statement(self, tenant_id: uuid.UUID, statement: ParsedStatement) -> MatchResult:
        async with self._account_locks[statement.iban]:
            import_id = await self._statements.create_import(tenant_id, statement.iban, statement.sha256)
            if import_id is None:
                raise ConflictError("this statement has already been imported")
            await self._statements.insert_lines(
                import_id,
                ((e.booking_date, e.amount, e.currency, e.reference, e.counterparty) for e in statement.entries),
            )
        return await self.match(tenant_id, import_id)

    async def match(self, tenant_id: uuid.UUID, import_id: uuid.UUID) -> MatchResult:
        rows = await self._statements.unmatched_lines(import_id)
        entries = copy.deepcopy([dict(row) for row in rows])
        matched_numbers: list[str] = []
        matches: list[tuple[int, uuid.UUID]] = []
        for entry in entries:
            found = INVOICE_REF.search(entry["reference"])
            if found is None:
                continue
            number = found.group(0)
            if number in matched_numbers:
                continue
            invoice = await self._statements.invoice_by_number(tenant_id, number)
            if invoice is None or invoice["currency"] != entry["currency"]:
                continue
            payment_id = await self._payments.apply(
                tenant_id, invoice["id"], entry["amount"], bank_reference=entry["reference"]
            )
            matches.append((entry["id"], payment_id))
            matched_numbers.append(number)
        if matches:
            await self._statements.mark_matched(matches)
        return MatchResult(import_id=import_id, matched=len(matches), unmatched=len(entries) - len(matches))

    async def suggest(self, tenant_id: uuid.UUID, import_id: uuid.UUID) -> list[dict[str, object]]:
        """Candidate invoices for the unmatched lines, for manual review."""
        rows = await self._statements.unmatched_lines(import_id)
        by_line = {row["id"]: INVOICE_REF.findall(row["reference"]) for row in rows}
        wanted = {number for numbers in by_line.values() for number in numbers}
        invoices = await self._statements.invoices_by_numbers(tenant_id, sorted(wanted))
        return [
            {"line_id": line_id, "candidates": [str(invoices[n]["id"]) for n in numbers if n in invoices]}
            for line_id, numbers in by_line.items()
        ]
