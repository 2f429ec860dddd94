from __future__ import annotations

import asyncio
import logging
from datetime import datetime, timedelta, timezone

import httpx

from ..clients.gateway import get_gateway
from ..cache.redis_client import get_redis
from ..db.engine import SessionFactory
from ..repositories import accounts as accounts_repo
from ..repositories import positions as positions_repo
from ..db.models import OrderStatus
from ..repositories import orders as orders_repo

log = logging.getLogger(__name__)

_STATUS_MAP = {
    "accepted": OrderStatus.ACKED,
    "filled": OrderStatus.FILLED,
    "partially_filled": OrderStatus.PARTIAL,
    "canceled": OrderStatus.CANCELED,
    "rejected": OrderStatus.REJECTED,
}


async def reconcile_once() -> int:
    gateway = get_gateway()
    cutoff = datetime.now(timezone.utc) - timedelta(minutes=2)
    changed = 0
    async with SessionFactory() as session:
        for order in await orders_repo.stale_routed_orders(session, cutoff):
            remote = await gateway.order_status(order.exchange_order_id or "")
            status = _STATUS_MAP.get(remote["status"])
            if status is not None and status != order.status:
                await orders_repo.set_status(session, order, status)
                changed += 1
        await session.commit()
    return changed


async def reconcile_forever(stop: asyncio.Event) -> None:
    while not stop.is_set():
        try:
            changed = await reconcile_once()
            if changed:
                log.info("reconciler updated %d orders", changed)
            await asyncio.sleep(30)
        except httpx.HTTPError:
            log.exception("reconciler pass failed")


async def reconcile_positions(account_ids: list[int]) -> dict[int, list[dict]]:
    """Compare local positions with the executing broker's books and record any drift."""
    gateway = get_gateway()
    redis = get_redis()
    local = await positions_repo.positions_for_accounts(account_ids)
    drift: dict[int, list[dict]] = {}
    async with SessionFactory() as session:
        for account_id in account_ids:
            account = await accounts_repo.get_account(session, account_id)
            if account is None:
                continue
            remote = await gateway.positions_snapshot(account.account_number)
            remote_qty = {p["symbol"]: int(p["qty"]) for p in remote}
            local_qty = {row["symbol"]: row["quantity"] for row in local.get(account_id, [])}
            diffs = [
                {"symbol": symbol, "local": local_qty.get(symbol, 0), "remote": remote_qty.get(symbol, 0)}
                for symbol in sorted(set(remote_qty) | set(local_qty))
                if local_qty.get(symbol, 0) != remote_qty.get(symbol, 0)
            ]
            if diffs:
                drift[account_id] = diffs
                log.error("position drift on account %s: %s", account_id, diffs)
    if drift:
        await redis.set("recon:positions:last", str(sorted(drift)), ex=86_400)
    return drift
