"""Load lifecycle for shippers."""
from __future__ import annotations

import json
import logging
from datetime import datetime, timezone

import redis.asyncio as redis
from sqlalchemy.ext.asyncio import AsyncSession

from freightline.db.models import Load, LoadStatus
from freightline.repositories.bids import BidRepository
from freightline.repositories.loads import LoadRepository
from freightline.schemas import LoadCreate, LoadOut, LoadUpdate

logger = logging.getLogger(__name__)

LOAD_CACHE_TTL = 300


class LoadNotFound(LookupError):
    pass


class LoadStateError(RuntimeError):
    pass


def _cache_key(load_id: int) -> str:
    return f"load:{load_id}"


def _to_out(load: Load, bid_count: int = 0) -> LoadOut:
    return LoadOut(
        id=load.id,
        reference_number=load.reference_number,
        status=load.status.value,
        origin_city=load.origin_city,
        dest_city=load.dest_city,
        equipment=load.equipment,
        pickup_at=load.pickup_at,
        bid_count=bid_count,
        agreed_rate_cents=load.agreed_rate_cents,
    )


class LoadService:
    def __init__(self, session: AsyncSession, redis_client: redis.Redis) -> None:
        self._session = session
        self._loads = LoadRepository(session)
        self._bids = BidRepository(session)
        self._redis = redis_client

    async def post_load(self, shipper_id: int, data: LoadCreate) -> LoadOut:
        next_ref = (await self._loads.max_reference_number()) + 1
        load = Load(shipper_id=shipper_id, reference_number=next_ref, status=LoadStatus.OPEN, **data.model_dump())
        await self._loads.add(load)
        await self._session.commit()
        logger.info("shipper %s posted load %s (ref %s)", shipper_id, load.id, next_ref)
        return _to_out(load)

    async def get_load(self, load_id: int) -> LoadOut:
        cached = await self._redis.get(_cache_key(load_id))
        if cached:
            return LoadOut.model_validate_json(cached)
        load = await self._loads.get(load_id)
        if load is None:
            raise LoadNotFound(load_id)
        bid_count = await self._bids.count_for_load(load_id)
        out = _to_out(load, bid_count)
        await self._redis.set(_cache_key(load_id), out.model_dump_json(), ex=LOAD_CACHE_TTL)
        return out

    async def list_for_shipper(self, shipper_id: int, before_id: int | None = None) -> list[LoadOut]:
        loads = await self._loads.list_for_shipper(shipper_id, before_id=before_id)
        result = []
        for load in loads:
            bid_count = await self._bids.count_for_load(load.id)
            result.append(_to_out(load, bid_count))
        return result

    async def board(self, equipment: str) -> list[LoadOut]:
        loads = await self._loads.open_loads(equipment, datetime.now(timezone.utc))
        counts = await self._bids.counts_for_loads([load.id for load in loads])
        return [_to_out(load, counts.get(load.id, 0)) for load in loads]

    async def update_load(self, shipper_id: int, load_id: int, data: LoadUpdate) -> LoadOut:
        load = await self._loads.get(load_id)
        if load is None or load.shipper_id != shipper_id:
            raise LoadNotFound(load_id)
        if load.status is not LoadStatus.OPEN:
            raise LoadStateError(f"load {load_id} is {load.status.value}")
        changes = data.model_dump(exclude_none=True)
        if changes:
            await self._loads.update_fields(load_id, **changes)
            await self._session.commit()
        return await self.get_load(load_id)

    async def cancel_load(self, shipper_id: int, load_id: int) -> None:
        load = await self._loads.get(load_id)
        if load is None or load.shipper_id != shipper_id:
            raise LoadNotFound(load_id)
        if load.status in (LoadStatus.IN_TRANSIT, LoadStatus.DELIVERED):
            raise LoadStateError("load already moving")
        await self._loads.update_fields(load_id, status=LoadStatus.CANCELLED)
        await self._session.commit()
        await self._redis.delete(_cache_key(load_id))
        await self._redis.publish("loads:cancelled", json.dumps({"load_id": load_id}))

    async def search(self, text: str) -> list[LoadOut]:
        return [_to_out(load) for load in await self._loads.search(text)]
