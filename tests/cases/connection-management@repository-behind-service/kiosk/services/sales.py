from __future__ import annotations

from kiosk.repos import tickets


async def ticket_view(ticket_id: int) -> dict:
    row = await tickets.ticket(ticket_id)
    return dict(row) if row is not None else {}
