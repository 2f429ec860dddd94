"""Plans, promo codes, membership activation and renewals, and payment-provider webhooks."""
from __future__ import annotations

import asyncio
import json
import logging
from datetime import datetime, timezone
from typing import Any

import asyncpg
from cachetools import TTLCache
from redis.asyncio import Redis

from svc.clients.partners import push_member_update
from svc.clients.payments import PaymentsClient
from svc.config import Settings
from svc.db.postgres import Database
from svc.errors import Conflict, NotFound, PaymentDeclined, Unauthorized
from svc.repositories.members import MemberRepository

logger = logging.getLogger(__name__)


class BillingService:
    def __init__(
        self,
        settings: Settings,
        db: Database,
        redis: Redis,
        payments: PaymentsClient,
        members: MemberRepository,
    ) -> None:
        self._settings = settings
        self._db = db
        self._redis = redis
        self._payments = payments
        self._members = members
        self._plans: TTLCache[int, list[dict[str, Any]]] = TTLCache(maxsize=512, ttl=300)
        self._quotes: dict[tuple[int, int, str | None], dict[str, Any]] = {}
        self._renewal_lock = asyncio.Lock()

    async def plans_for_gym(self, gym_id: int) -> list[dict[str, Any]]:
        plans = self._plans.get(gym_id)
        if plans is None:
            async with self._db.connection() as conn:
                rows = await conn.fetch(
                    "SELECT id, name, price_cents, currency FROM plans WHERE gym_id = $1 AND active", gym_id
                )
            plans = [dict(r) for r in rows]
            self._plans[gym_id] = plans
        return plans

    async def catalog(self, gym_id: int) -> list[dict[str, Any]]:
        return [dict(plan) for plan in await self.plans_for_gym(gym_id)]

    async def _promo_discount(self, code: str | None) -> int:
        if not code:
            return 0
        percent = await self._redis.hget(f"promo:{code}", "percent_off")
        return int(percent) if percent else 0

    async def quote(self, gym_id: int, plan_id: int, promo_code: str | None) -> dict[str, Any]:
        key = (gym_id, plan_id, promo_code)
        cached = self._quotes.get(key)
        if cached is not None:
            return cached
        plan = next((p for p in await self.plans_for_gym(gym_id) if p["id"] == plan_id), None)
        if plan is None:
            raise NotFound(f"plan {plan_id} not offered at gym {gym_id}")
        discount = await self._promo_discount(promo_code)
        plan["price_cents"] = plan["price_cents"] * (100 - discount) // 100
        self._quotes[key] = plan
        return plan

    async def redeem_promo(self, code: str) -> None:
        max_uses = int(await self._redis.hget(f"promo:{code}", "max_uses") or 0)
        used = int(await self._redis.get(f"promo:{code}:used") or 0)
        if used >= max_uses:
            raise Conflict("promo code has been fully redeemed")
        await self._redis.incr(f"promo:{code}:used")

    async def claim_trial_pass(self, gym_id: int) -> bool:
        remaining = await self._redis.decr(f"trial-passes:{gym_id}")
        if remaining < 0:
            await self._redis.incr(f"trial-passes:{gym_id}")
            return False
        return True

    async def activate(self, member_id: int, gym_id: int, plan_id: int, promo_code: str | None) -> dict[str, Any]:
        member = await self._members.get_or_404(member_id)
        quote = await self.quote(gym_id, plan_id, promo_code)
        if promo_code:
            await self.redeem_promo(promo_code)
        customer_id = await self._payments.create_customer(member_id, member["email"])
        charge = await self._payments.charge(
            customer_id, quote["price_cents"], quote["currency"], idempotency_key=f"activate:{member_id}:{plan_id}"
        )
        renews_at = datetime.now(timezone.utc) + timedelta(days=30)
        async with self._db.transaction() as conn:
            membership_id = await conn.fetchval(
                """
                INSERT INTO memberships (member_id, plan_id, status, provider_customer_id, renews_at)
                VALUES ($1, $2, 'active', $3, $4) RETURNING id
                """,
                member_id, plan_id, customer_id, renews_at,
            )
            await self._record_payment(conn, member_id, charge)
        push_member_update(self._settings.crm_base_url, {**dict(member), "status": "active", "plan_id": plan_id})
        return {"membership_id": membership_id, "renews_at": renews_at, "price_cents": quote["price_cents"]}

    async def _record_payment(self, conn: asyncpg.Connection, member_id: int, charge: dict[str, Any]) -> None:
        await conn.execute(
            """
            INSERT INTO payments (member_id, provider_payment_id, amount_cents, currency, status)
            VALUES ($1, $2, $3, $4, $5)
            """,
            member_id, charge["id"], charge["amount"], charge["currency"], charge["status"],
        )

    async def renew(self, membership: asyncpg.Record) -> bool:
        async with self._renewal_lock:
            try:
                charge = await self._payments.charge(
                    membership["provider_customer_id"],
                    membership["price_cents"],
                    membership["currency"],
                    idempotency_key=f"renew:{membership['id']}:{membership['renews_at']:%Y%m%d}",
                )
            except PaymentDeclined:
                await self._mark_past_due(membership["id"])
                return False
        async with self._db.transaction() as conn:
            await self._record_payment(conn, membership["member_id"], charge)
            await conn.execute(
                "UPDATE memberships SET renews_at = renews_at + interval '30 days' WHERE id = $1", membership["id"]
            )
        return True

    async def _mark_past_due(self, membership_id: int) -> None:
        async with self._db.connection() as conn:
            await conn.execute("UPDATE memberships SET status = 'past_due' WHERE id = $1", membership_id)

    async def due_for_renewal(self, now: datetime, limit: int = 500) -> list[asyncpg.Record]:
        async with self._db.connection() as conn:
            return await conn.fetch(
                """
                SELECT ms.id, ms.member_id, ms.provider_customer_id, ms.renews_at, p.price_cents, p.currency
                FROM memberships ms JOIN plans p ON p.id = ms.plan_id
                WHERE ms.status = 'active' AND ms.renews_at <= $1
                ORDER BY ms.renews_at
                LIMIT $2
                """,
                now, limit,
            )

    async def payment_history(self, member_id: int) -> list[dict[str, Any]]:
        async with self._db.connection() as conn:
            rows = await conn.fetch(
                "SELECT provider_payment_id, amount_cents, currency, status, created_at FROM payments "
                "WHERE member_id = $1 ORDER BY created_at DESC LIMIT 20",
                member_id,
            )
        return [dict(r) for r in rows]

    async def handle_webhook(self, body: bytes, signature: str) -> None:
        if not self._payments.verify_signature(body, signature):
            raise Unauthorized("bad webhook signature")
        try:
            event = json.loads(body)
            provider_payment_id = event["data"]["id"]
            new_status = event["data"]["status"]
        except (KeyError, ValueError):
            return
        async with self._db.transaction() as conn:
            row = await conn.fetchrow(
                "SELECT id, status FROM payments WHERE provider_payment_id = $1 FOR UPDATE", provider_payment_id
            )
            if row is None or row["status"] == new_status:
                return
            await conn.execute("UPDATE payments SET status = $2 WHERE id = $1", row["id"], new_status)
        logger.info("payment %s moved to %s", provider_payment_id, new_status)
