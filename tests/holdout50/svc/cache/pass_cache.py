"""Season pass status lookups for the gates: redis first, then postgres."""
from __future__ import annotations

import json
from dataclasses import asdict, dataclass
from datetime import date

from cachetools import TTLCache
from redis.asyncio import Redis

from ..db.pg_pool import gate_pool

REDIS_TTL_S = 60


@dataclass(frozen=True, slots=True)
class PassInfo:
    pass_id: int
    status: str
    valid_from: date
    valid_to: date
    blackout_dates: tuple[str, ...]
    holder_name: str

    def usable_on(self, day: date) -> bool:
        return (
            self.status == "active"
            and self.valid_from <= day <= self.valid_to
            and day.isoformat() not in self.blackout_dates
        )


class PassCache:
    def __init__(self, redis: Redis) -> None:
        self._redis = redis
        self._local: TTLCache[int, PassInfo] = TTLCache(maxsize=20_000, ttl=5)

    @staticmethod
    def _key(pass_id: int) -> str:
        return f"pass:info:{pass_id}"

    async def get(self, pass_id: int) -> PassInfo | None:
        info = self._local.get(pass_id)
        if info is not None:
            return info
        raw = await self._redis.get(self._key(pass_id))
        if raw is not None:
            info = self._decode(json.loads(raw))
        else:
            info = await self._load(pass_id)
            if info is None:
                return None
            payload = asdict(info) | {
                "valid_from": info.valid_from.isoformat(),
                "valid_to": info.valid_to.isoformat(),
            }
            await self._redis.set(self._key(pass_id), json.dumps(payload), ex=REDIS_TTL_S)
        self._local[pass_id] = info
        return info

    async def invalidate(self, pass_id: int) -> None:
        self._local.pop(pass_id, None)
        await self._redis.delete(self._key(pass_id))

    @staticmethod
    def _decode(data: dict) -> PassInfo:
        return PassInfo(
            pass_id=data["pass_id"],
            status=data["status"],
            valid_from=date.fromisoformat(data["valid_from"]),
            valid_to=date.fromisoformat(data["valid_to"]),
            blackout_dates=tuple(data["blackout_dates"]),
            holder_name=data["holder_name"],
        )

    async def _load(self, pass_id: int) -> PassInfo | None:
        async with gate_pool().acquire(timeout=1.0) as conn:
            row = await conn.fetchrow(
                """
                SELECT p.id, p.status, p.valid_from, p.valid_to, p.blackout_dates,
                       c.first_name || ' ' || c.last_name AS holder
                FROM season_passes p JOIN customers c ON c.id = p.customer_id
                WHERE p.id = $1
                """,
                pass_id,
            )
        if row is None:
            return None
        return PassInfo(
            pass_id=row["id"],
            status=row["status"],
            valid_from=row["valid_from"],
            valid_to=row["valid_to"],
            blackout_dates=tuple(d for d in row["blackout_dates"].split(",") if d),
            holder_name=row["holder"],
        )
