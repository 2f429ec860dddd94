from __future__ import annotations

import asyncio
import json
from dataclasses import dataclass

import asyncpg
import redis.asyncio as aioredis

from dispensary.errors import NotFound
from dispensary.utils.security import hash_pin, new_salt


@dataclass(frozen=True)
class Staff:
    staff_id: str
    display_name: str
    role: str
    branch_ids: frozenset[int]

    @property
    def is_pharmacist(self) -> bool:
        return self.role == "pharmacist"


class StaffAuth:
    """Staff sessions are issued by the chain's SSO gateway and stored in redis."""

    def __init__(self, redis: aioredis.Redis) -> None:
        self._redis = redis

    async def staff_from_token(self, token: str | None) -> Staff | None:
        if not token:
            return None
        raw = await self._redis.get(f"staff:session:{token}")
        if raw is None:
            return None
        data = json.loads(raw)
        return Staff(
            staff_id=data["staff_id"],
            display_name=data["name"],
            role=data["role"],
            branch_ids=frozenset(data["branches"]),
        )


@dataclass(frozen=True)
class PharmacistCredentials:
    staff_id: str
    licence_no: str
    pin_hash: str
    pin_salt: str


class PharmacistDirectory:
    def __init__(self, pool: asyncpg.Pool) -> None:
        self._pool = pool

    async def credentials(self, staff_id: str) -> PharmacistCredentials:
        async with self._pool.acquire(timeout=5) as conn:
            row = await conn.fetchrow(
                "SELECT staff_id, licence_no, pin_hash, pin_salt FROM pharmacists WHERE staff_id = $1 AND active",
                staff_id,
            )
        if row is None:
            raise NotFound(f"pharmacist {staff_id} not found")
        return PharmacistCredentials(**dict(row))

    async def set_pin(self, staff_id: str, pin: str) -> None:
        salt = new_salt()
        digest = await asyncio.to_thread(hash_pin, pin, salt)
        async with self._pool.acquire(timeout=5) as conn:
            await conn.execute(
                "UPDATE pharmacists SET pin_hash = $2, pin_salt = $3 WHERE staff_id = $1",
                staff_id,
                digest.hex(),
                salt.hex(),
            )
