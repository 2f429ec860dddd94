"""Promo codes with a usage cap."""
from datetime import UTC, datetime

import asyncpg


class Invalid(Exception):
    pass


class PromoService:
    def __init__(self, pool: asyncpg.Pool) -> None:
        self._pool = pool

    async def redeem(self, code: str, subtotal: int) -> int:
        async with self._pool.acquire() as conn:
            promo = await conn.fetchrow(
                "SELECT code, percent_off, uses, max_uses, expires_at FROM promo_codes WHERE code = $1", code)
            if promo is None or promo["expires_at"] < datetime.now(UTC):
                raise Invalid("expired")
            if promo["uses"] >= promo["max_uses"]:  # expect: race-condition
                raise Invalid("fully redeemed")
            await conn.execute("UPDATE promo_codes SET uses = uses + 1 WHERE code = $1", code)
        return subtotal * promo["percent_off"] // 100

    async def redeem_atomic(self, code: str, subtotal: int) -> int:
        async with self._pool.acquire() as conn:
            percent = await conn.fetchval(
                "UPDATE promo_codes SET uses = uses + 1 WHERE code = $1 AND uses < max_uses "
                "AND expires_at > now() RETURNING percent_off", code)
        if percent is None:
            raise Invalid("not redeemable")
        return subtotal * percent // 100
