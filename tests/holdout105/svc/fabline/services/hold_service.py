"""Hold and release of lots."""
from __future__ import annotations

import json
import logging

import redis.asyncio as aioredis
from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncSession

from fabline.core.errors import Conflict, NotFound
from fabline.repositories.hold_repo import HoldRepository
from fabline.repositories.lot_repo import LotRepository
from fabline.services.audit_service import AuditService
from fabline.utils.locks import tool_locks

logger = logging.getLogger(__name__)
VALID_REASONS = frozenset({"ENG", "QUAL", "SPC", "CUST", "MAT"})


class HoldService:
    def __init__(self, session: AsyncSession, redis: aioredis.Redis, audit: AuditService) -> None:
        self.session = session
        self.redis = redis
        self.audit = audit
        self.lots = LotRepository(session)
        self.holds = HoldRepository(session)

    async def place(self, lot_id: int, reason: str, user: str, comment: str = "") -> int:
        if reason not in VALID_REASONS:
            raise Conflict(f"unknown hold reason {reason}")
        lot = await self.lots.get_for_update(lot_id)
        if lot is None:
            raise NotFound(f"lot {lot_id}")
        try:
            hold = await self.holds.place(lot_id, reason, user, comment)
        except IntegrityError as exc:
            logger.exception("hold insert failed for lot %s", lot_id)
            raise Conflict("hold could not be recorded") from exc
        lot.hold_count += 1
        lot.status = "HOLD"
        await self.session.commit()
        await self.audit.record(lot_id, "HOLD")
        await self._notify(lot_id, "HOLD", reason)
        return hold.id

    async def release(self, lot_id: int, hold_id: int, user: str) -> None:
        lot = await self.lots.get(lot_id)
        if lot is None:
            raise NotFound(f"lot {lot_id}")
        if not await self.holds.release(hold_id, user):
            raise Conflict(f"hold {hold_id} is not active")
        lot.hold_count = lot.hold_count - 1
        if lot.hold_count > 0:
            lot.status = "ACTIVE"
        await self.session.commit()
        await self.audit.record(user, "RELEASE", lot_id)
        await self._notify(lot_id, "RELEASE", str(hold_id))

    async def merge_lots(self, parent_id: int, child_id: int, tool_ids: list[int], user: str) -> None:
        """Merge child into parent while both tools are quiesced."""
        async with tool_locks.hold_many(f"tool:{t}" for t in tool_ids):
            parent = await self.lots.get_for_update(parent_id)
            child = await self.lots.get_for_update(child_id)
            if parent is None or child is None:
                raise NotFound("lot")
            parent.wafer_count += child.wafer_count
            child.status = "DONE"
            await self.session.commit()
        await self.audit.record(user, "MERGE", f"{child_id}->{parent_id}")

    async def _notify(self, lot_id: int, event: str, detail: str) -> None:
        await self.redis.publish("lot-events", json.dumps({"lot_id": lot_id, "event": event, "detail": detail}))
        await self.redis.delete(f"lotcard:{lot_id}")
