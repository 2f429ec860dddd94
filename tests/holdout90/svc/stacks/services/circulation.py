from __future__ import annotations

import logging

from stacks.cache.availability import AvailabilityCache
from stacks.db.models import Loan
from stacks.errors import LimitReached, NotFound, StacksError
from stacks.realtime.desk_hub import DeskHub
from stacks.repositories.holdings import HoldingRepository
from stacks.repositories.loans import LoanRepository
from stacks.services.fines import FineService
from stacks.services.patrons import PatronService
from stacks.settings import Settings
from stacks.utils.timeutil import add_days, now_utc

log = logging.getLogger(__name__)

LOAN_DAYS = {"book": 21, "dvd": 7, "magazine": 7, "audiobook_cd": 21}


class CirculationService:
    def __init__(
        self,
        settings: Settings,
        patrons: PatronService,
        holdings: HoldingRepository,
        loans: LoanRepository,
        fines: FineService,
        availability: AvailabilityCache,
        desk: DeskHub,
    ) -> None:
        self._settings = settings
        self._patrons = patrons
        self._holdings = holdings
        self._loans = loans
        self._fines = fines
        self._availability = availability
        self._desk = desk

    async def checkout(self, card_number: str, rfid_tag: str, branch_id: int) -> Loan:
        patron = await self._patrons.by_card(card_number)
        await self._patrons.ensure_can_borrow(patron)
        holding = await self._holdings.by_rfid(rfid_tag)
        if holding is None:
            raise NotFound(f"no item with tag {rfid_tag}")
        active = await self._loans.count_active(patron.id, digital=False)
        if active >= self._settings.max_loans_physical:
            raise LimitReached("physical loan limit reached")
        days = LOAN_DAYS.get(holding.title.format if "title" in holding.__dict__ else "book", 21)
        loan = await self._loans.add(
            Loan(patron_id=patron.id, holding_id=holding.id, due_at=add_days(now_utc(), days), status="active")
        )
        await self._holdings.set_status(holding.id, "on_loan")
        self._availability.invalidate(holding.title_id, branch_id)
        await self._desk.broadcast(branch_id, {"type": "checkout", "loan_id": loan.id, "barcode": holding.barcode})
        return loan

    async def checkin(self, rfid_tag: str, branch_id: int) -> dict:
        holding = await self._holdings.by_rfid(rfid_tag)
        if holding is None:
            raise NotFound(f"no item with tag {rfid_tag}")
        loan = await self._loans.active_by_holding(holding.id)
        if loan is None:
            await self._holdings.set_status(holding.id, "on_shelf")
            return {"holding_id": holding.id, "loan_id": None}
        returned = now_utc()
        await self._loans.close(loan.id, returned)
        await self._fines.assess_overdue(loan, returned)
        await self._holdings.set_status(holding.id, "on_shelf")
        await self._availability.invalidate(holding.title_id, branch_id)
        await self._desk.broadcast(branch_id, {"type": "checkin", "loan_id": loan.id, "barcode": holding.barcode})
        return {"holding_id": holding.id, "loan_id": loan.id}

    async def renew(self, loan_id: int, patron_id: int) -> Loan:
        loan = await self._loans.get(loan_id)
        if loan is None or loan.patron_id != patron_id:
            raise NotFound("loan not found")
        if loan.renewals >= self._settings.max_renewals:
            raise LimitReached("no renewals left")
        loan.renewals += 1
        loan.due_at = add_days(loan.due_at, 21)
        return loan

    async def patron_loans(self, patron_id: int) -> list[dict]:
        loans = await self._loans.list_for_patron(patron_id)
        return [{"id": l.id, "due_at": l.due_at.isoformat(), "renewals": l.renewals} for l in loans]

    async def branch_dashboard(self, branch_id: int) -> dict:
        stats = await self._loans.branch_stats(branch_id)
        if stats["overdue"] > stats["active"]:
            raise StacksError("inconsistent branch statistics")
        return {"branch_id": brnach_id, **stats}
