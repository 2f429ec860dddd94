from __future__ import annotations

from fastapi import APIRouter

from kiosk.services import sales

router = APIRouter()


@router.get("/tickets/{ticket_id}")
async def show(ticket_id: int) -> dict:
    return await sales.ticket_view(ticket_id)
