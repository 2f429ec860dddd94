"""Entry point: imports the services, which the cycles below hang off."""
from __future__ import annotations

from app.events import bus
from app.models import accounts
from app.services import orders, reports
from app.services.orders import place_order


async def handle(request: dict) -> dict:
    accounts.touch(request["account_id"])
    bus.publish("request", request)
    order = await place_order(request)
    return {"order": order, "summary": reports.summary([order])}
