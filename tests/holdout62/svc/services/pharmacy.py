"""Pharmacy: dispensing, inter-clinic transfers, interaction checks."""
from __future__ import annotations

import asyncio
import logging
from collections import defaultdict

from svc.db.pg import pool
from svc.repositories import inventory

log = logging.getLogger(__name__)

_clinic_locks: defaultdict[int, asyncio.Lock] = defaultdict(asyncio.Lock)


class OutOfStock(Exception):
    pass


async def dispense(clinic_id: int, drug_id: int, qty: int, reason: str) -> int:
    async with pool().acquire() as conn:
        async with conn.transaction():
            remaining = await inventory.take_stock(conn, clinic_id, drug_id, qty)
            if remaining is None:
                raise OutOfStock(f"drug {drug_id} at clinic {clinic_id}")
            await conn.execute(
                "INSERT INTO stock_movements (clinic_id, drug_id, delta, reason) VALUES ($1, $2, $3, $4)",
                clinic_id,
                drug_id,
                -qty,
                reason,
            )
    return remaining


async def adjust_after_count(clinic_id: int, drug_id: int, counted: int) -> None:
    async with _clinic_locks[clinic_id]:
        await inventory.set_quantity(clinic_id, drug_id, counted)


async def transfer(src_clinic: int, dst_clinic: int, drug_id: int, qty: int) -> None:
    async with _clinic_locks[src_clinic]:
        async with _clinic_locks[dst_clinic]:
            have = await inventory.get_quantity(src_clinic, drug_id)
            if have < qty:
                raise OutOfStock(f"clinic {src_clinic} has {have} of drug {drug_id}")
            await inventory.set_quantity(src_clinic, drug_id, have - qty)
            dst_have = await inventory.get_quantity(dst_clinic, drug_id)
            await inventory.set_quantity(dst_clinic, drug_id, dst_have + qty)
    await inventory.record_movements(
        [(src_clinic, drug_id, -qty, "transfer-out"), (dst_clinic, drug_id, qty, "transfer-in")]
    )


async def rebalance(clinic_ids: list[int], drug_id: int) -> None:
    first, second = sorted(clinic_ids)[:2]
    async with _clinic_locks[first]:
        async with _clinic_locks[second]:
            a = await inventory.get_quantity(first, drug_id)
            b = await inventory.get_quantity(second, drug_id)
            total = a + b
            await inventory.set_quantity(first, drug_id, total // 2)
            await inventory.set_quantity(second, drug_id, total - total // 2)


def interaction_warnings(current: list[str], proposed: list[str], pairs: list[tuple[str, str]]) -> list[tuple[str, str]]:
    dangerous = {frozenset(p) for p in pairs}
    warnings = []
    for a in current:
        for b in proposed:
            if frozenset((a, b)) in dangerous:
                warnings.append((a, b))
    return warnings


def duplicate_skus(skus: list[str]) -> list[str]:
    dupes = []
    for i, sku in enumerate(skus):
        if sku in skus[i + 1 :] and sku not in dupes:
            dupes.append(sku)
    return dupes


async def controlled_register(clinic_id: int, drug_ids: list[int], since_days: int = 30) -> list[dict]:
    """Movements of controlled drugs for the statutory register, newest first."""
    async with pool().acquire() as conn:
        rows = await conn.fetch(
            """
            SELECT m.drug_id, d.name, m.delta, m.reason, m.created_at
            FROM stock_movements m JOIN drugs d ON d.id = m.drug_id
            WHERE m.clinic_id = $1 AND m.drug_id = ANY($2::int[]) AND d.controlled
              AND m.created_at > now() - make_interval(days => $3)
            ORDER BY m.created_at DESC
            """,
            clinic_id,
            drug_ids,
            since_days,
        )
    running: dict[int, int] = {}
    register = []
    for r in reversed(rows):
        running[r["drug_id"]] = running.get(r["drug_id"], 0) + r["delta"]
        register.append({**dict(r), "running_delta": running[r["drug_id"]]})
    register.reverse()
    return register
