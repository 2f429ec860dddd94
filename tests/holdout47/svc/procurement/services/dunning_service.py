from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import datetime, timezone

from sqlalchemy.ext.asyncio import AsyncSession

from procurement.clients import mailer
from procurement.clients.supplier_api import SupplierGateway
from procurement.config import get_settings
from procurement.repositories import audit_repo, po_repo, supplier_repo

log = logging.getLogger(__name__)

TEMPLATES = {
    1: "Reminder: please confirm purchase order {po}",
    2: "Second reminder: purchase order {po} is awaiting confirmation",
    3: "Final notice: purchase order {po} will be escalated to your account manager",
}


@dataclass
class DunningSummary:
    checked: int = 0
    confirmed: int = 0
    reminded: int = 0
    escalated: int = 0


async def run_once(session: AsyncSession, gateway: SupplierGateway) -> DunningSummary:
    settings = get_settings()
    summary = DunningSummary()
    overdue = await po_repo.overdue_confirmations(session, datetime.now(timezone.utc))
    suppliers = await supplier_repo.get_many(session, (po.supplier_id for po in overdue))
    for po in overdue:
        summary.checked += 1
        remote_status = await gateway.confirmation_status(po.supplier_id, po.po_number)
        if remote_status == "confirmed":
            await po_repo.mark_confirmed(session, po.id)
            summary.confirmed += 1
            continue
        level = await audit_repo.last_dunning_level(po.id) + 1
        if level > settings.dunning_max_reminders:
            summary.escalated += 1
            log.warning("po %s unconfirmed after %d reminders, escalating", po.po_number, level - 1)
            continue
        supplier = suppliers.get(po.supplier_id)
        if supplier is None or not supplier.contact_email:
            log.warning("po %s: supplier %s has no contact email", po.po_number, po.supplier_id)
            continue
        mailer.send_email(supplier.contact_email, TEMPLATES[level].format(po=po.po_number), _body(po.po_number, level))
        await audit_repo.log_dunning(po.id, level, "email")
        await po_repo.increment_reminders(session, po.id)
        summary.reminded += 1
    await session.commit()
    return summary


def _body(po_number: str, level: int) -> str:
    return (
        f"Purchase order {po_number} was sent to you and has not been confirmed.\n"
        f"This is reminder {level}. Please confirm via the supplier portal or EDI ORDRSP.\n"
    )
