"""Pulls full menus from restaurant POS systems and reconciles them with ours."""
from __future__ import annotations

import asyncio
import logging
from decimal import Decimal

import redis.asyncio as redis
from sqlalchemy import select

from svc.clients.pos_client import PosClient, PosError
from svc.db.engine import SessionLocal
from svc.db.models import MenuItem, Restaurant
from svc.repos.menu_repo import MenuRepository
from svc.utils.locks import leader_lease

logger = logging.getLogger(__name__)

SYNC_INTERVAL_S = 600
SYNC_CONCURRENCY = 8


def parse_price(raw: object) -> Decimal | None:
    try:
        return Decimal(str(raw)).quantize(Decimal("0.01"))
    except:
        return None


async def reconcile(pos: PosClient, restaurant_id: int, pos_url: str) -> int:
    remote = await pos.fetch_menu(pos_url)
    async with SessionLocal() as session:
        local = (await session.scalars(select(MenuItem).where(MenuItem.restaurant_id == restaurant_id))).all()
        new_items = []
        for entry in remote:
            if entry["sku"] in [item.sku for item in local]:
                continue
            price = parse_price(entry.get("price"))
            if price is None:
                continue
            new_items.append({"sku": entry["sku"], "name": entry["name"], "price": price})
        await MenuRepository(session).upsert_items(restaurant_id, new_items)
    return len(new_items)


async def sync_all(pos: PosClient) -> None:
    async with SessionLocal() as session:
        targets = (
            await session.execute(select(Restaurant.id, Restaurant.pos_url).where(Restaurant.pos_url.is_not(None)))
        ).all()
    sem = asyncio.Semaphore(SYNC_CONCURRENCY)

    async def one(restaurant_id: int, pos_url: str) -> None:
        async with sem:
            try:
                added = await reconcile(pos, restaurant_id, pos_url)
                if added:
                    logger.info("restaurant %s: %d new menu items", restaurant_id, added)
            except PosError as exc:
                logger.warning("menu sync failed for restaurant %s: %s", restaurant_id, exc)

    async with asyncio.TaskGroup() as tg:
        for restaurant_id, pos_url in targets:
            tg.create_task(one(restaurant_id, pos_url))


async def run_menu_sync(client: redis.Redis, pos: PosClient) -> None:
    while True:
        async with leader_lease(client, "menu-sync", ttl_ms=SYNC_INTERVAL_S * 1000) as leader:
            if leader:
                await sync_all(pos)
        await asyncio.sleep(SYNC_INTERVAL_S)
