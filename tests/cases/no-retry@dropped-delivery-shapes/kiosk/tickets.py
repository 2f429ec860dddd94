"""Bulk ticket operations."""
import asyncio
import logging

from kiosk.hub import BoxOfficeClient, HubDown, PrinterClient

log = logging.getLogger(__name__)


class TicketService:
    def __init__(self, box_office: BoxOfficeClient, printer: PrinterClient) -> None:
        self._box_office = box_office
        self._printer = printer
        self._pending: list[dict] = []

    async def cancel_many(self, ticket_ids: list[str]) -> dict[str, bool]:
        outcomes = await asyncio.gather(*(self._box_office.cancel_ticket(t) for t in ticket_ids), return_exceptions=True)
        result: dict[str, bool] = {}
        for ticket_id, outcome in zip(ticket_ids, outcomes):
            result[ticket_id] = outcome is True
            if isinstance(outcome, Exception):
                log.warning("cancel of %s failed: %r", ticket_id, outcome)
        return result

    async def reprint_many(self, ticket_ids: list[str]) -> int:
        # failures come back as values and are raised: the caller sees them
        outcomes = await asyncio.gather(*(self._printer.reprint(t) for t in ticket_ids), return_exceptions=True)
        for outcome in outcomes:
            if isinstance(outcome, Exception):
                raise outcome
        log.info("reprinted %d tickets", len(outcomes))
        return len(outcomes)

    async def flush_receipts(self) -> int:
        sent = 0
        for receipt in list(self._pending):
            try:
                await self._printer.push_receipt(receipt)
            except HubDown as exc:
                # the rest stay pending for the next flush
                log.warning("receipt flush stopped: %s", exc)
                break
            self._pending.remove(receipt)
            sent += 1
        return sent
