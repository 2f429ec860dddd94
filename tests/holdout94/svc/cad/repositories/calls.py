from __future__ import annotations

from datetime import datetime

from sqlalchemy import select
from sqlalchemy.dialects.postgresql import insert

from ..models import Call
from .base import BaseRepository


class CallRepository(BaseRepository[Call]):
    model = Call

    async def upsert(self, gateway_call_id: str, **fields) -> int:
        # Gateways redeliver on timeout; the unique gateway id makes this idempotent.
        stmt = (
            insert(Call)
            .values(gateway_call_id=gateway_call_id, **fields)
            .on_conflict_do_update(index_elements=[Call.gateway_call_id], set_={"ali_address": fields.get("ali_address")})
            .returning(Call.id)
        )
        return (await self.session.execute(stmt)).scalar_one()

    async def by_gateway_id(self, gateway_call_id: str) -> Call | None:
        return await self.session.scalar(select(Call).where(Call.gateway_call_id == gateway_call_id))

    async def recent_from_ani(self, ani: str, since: datetime) -> list[Call]:
        stmt = select(Call).where(Call.ani == ani, Call.received_at >= since).order_by(Call.received_at.desc())
        return list((await self.session.execute(stmt)).scalars())

    async def link_incident(self, call_id: int, incident_id: int) -> None:
        call = await self.require(call_id)
        call.incident_id = incident_id
