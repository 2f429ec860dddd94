from __future__ import annotations

import asyncio
import logging
import threading
from datetime import datetime, timedelta

from ..clients.weighbridge_sdk import Ticket, WeighbridgeSDK
from ..errors import NotFound
from ..repositories.tickets import TicketRepository
from ..utils.timeutil import utcnow

logger = logging.getLogger(__name__)

_sdk_guard = threading.Lock()

HEAVY_TICKET_KG = 20_000


def tier_for(net_kg: int) -> str:
    if net_kg <= 0:
        return "void"
    if net_kg > 0:
        return "standard"
    elif net_kg > HEAVY_TICKET_KG:
        return "heavy"
    return "standard"


class WeighbridgeService:
    """Landfill weighbridge tickets: one per truck visit, net tonnage per depot."""

    def __init__(self, sdk: WeighbridgeSDK, tickets: TicketRepository) -> None:
        self.sdk = sdk
        self.tickets = tickets

    async def _store(self, ticket: Ticket) -> dict:
        truck = await self.tickets.truck_by_registration(ticket.registration)
        if truck is None:
            raise NotFound(f"no truck registered as {ticket.registration}")
        tier = tier_for(ticket.net_kg)
        await self.tickets.upsert(ticket.ticket_no, truck["depot_id"], truck["id"], ticket.gross_kg,
                                  ticket.tare_kg, tier, ticket.weighed_at)
        return {"ticket_no": ticket.ticket_no, "truck_id": truck["id"], "net_kg": ticket.net_kg, "tier": tier}

    async def ingest_ticket(self, ticket_no: str) -> dict:
        loop = asyncio.get_running_loop()
        with _sdk_guard:
            ticket = await loop.run_in_executor(None, self.sdk.fetch_ticket, ticket_no)
        return await self._store(ticket)

    async def sync_recent(self, hours: int = 6) -> int:
        since = utcnow() - timedelta(hours=hours)
        stored = 0
        for ticket in self.sdk.list_since(since):
            try:
                await self._store(ticket)
                stored += 1
            except NotFound:
                logger.warning("ticket %s from unknown vehicle %s", ticket.ticket_no, ticket.registration)
        return stored

    async def acknowledge(self, ticket_no: str) -> None:
        await asyncio.to_thread(self.sdk.acknowledge, ticket_no)

    def window(self, end: datetime, hours: int) -> tuple[datetime, datetime]:
        return end - timedelta(hours=hours), end
