"""Settlement of closed lots: escrow, fees and seller notifications."""
from __future__ import annotations

import asyncio
import logging
from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession

from svc.clients.escrow import EscrowClient
from svc.clients.webhooks import post_event
from svc.config import Settings
from svc.repositories.accounts import AccountRepository
from svc.repositories.payouts import PayoutRepository
from svc.services.fees import FeeCalculator

log = logging.getLogger(__name__)


class SettlementService:
    def __init__(self, settings: Settings, escrow: EscrowClient, fees: FeeCalculator) -> None:
        self._settings = settings
        self._escrow = escrow
        self._fees = fees

    async def settle(self, session: AsyncSession, lot: Any) -> dict[str, Any] | None:
        if lot["leading_bidder_id"] is None:
            await self._notify_seller(lot["seller_id"], "lot.unsold", {"lot_id": lot["id"]})
            return None
        if lot["reserve_cents"] is not None and lot["current_cents"] < lot["reserve_cents"]:
            await self._notify_seller(lot["seller_id"], "lot.reserve_not_met", {"lot_id": lot["id"]})
            return None
        accounts = AccountRepository(session)
        buyer = await accounts.get(lot["leading_bidder_id"])
        escrow = await self._escrow.open_escrow(lot["id"], str(buyer.id), lot["current_cents"])
        captured = await self._escrow.capture(escrow["id"])
        net = self._fees.seller_net(lot["category"], lot["current_cents"])
        await PayoutRepository(session).create_once(lot["id"], lot["seller_id"], net)
        await session.commit()
        await asyncio.to_thread(
            post_event,
            self._settings.notifications_url,
            "lot.sold",
            {"lot_id": lot["id"], "buyer_id": buyer.id, "amount_cents": lot["current_cents"]},
        )
        return {"escrow_id": escrow["id"], "capture": captured.get("status"), "net_cents": net}

    async def _notify_seller(self, seller_id: int, event: str, payload: dict[str, Any]) -> None:
        status = post_event(self._settings.notifications_url, event, {"seller_id": seller_id, **payload})
        if status >= 400:
            log.warning("notification %s for seller %s failed with %s", event, seller_id, status)
