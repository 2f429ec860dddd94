"""Pharmacy stock, raw SQL over asyncpg."""
from __future__ import annotations

from dataclasses import dataclass

import asyncpg

from svc.db.pg import pool


@dataclass(frozen=True)
class StockRow:
    clinic_id: int
    drug_id: int
    quantity: int
    reorder_point: int


async def get_quantity(clinic_id: int, drug_id: int) -> int:
    async with pool().acquire() as conn:
        value = await conn.fetchval(
            "SELECT quantity FROM stock_levels WHERE clinic_id = $1 AND drug_id = $2",
            clinic_id,
            drug_id,
        )
    return value or 0


async def set_quantity(clinic_id: int, drug_id: int, quantity: int) -> None:
    async with pool().acquire() as conn:
        await conn.execute(
            "UPDATE stock_levels SET quantity = $3 WHERE clinic_id = $1 AND drug_id = $2",
            clinic_id,
            drug_id,
            quantity,
        )


async def take_stock(conn: asyncpg.Connection, clinic_id: int, drug_id: int, qty: int) -> int | None:
    """Decrement stock if enough is on hand; returns the new quantity or None."""
    return await conn.fetchval(
        """
        UPDATE stock_levels SET quantity = quantity - $3
        WHERE clinic_id = $1 AND drug_id = $2 AND quantity >= $3
        RETURNING quantity
        """,
        clinic_id,
        drug_id,
        qty,
    )


async def low_stock(clinic_id: int) -> list[StockRow]:
    async with pool().acquire() as conn:
        rows = await conn.fetch(
            "SELECT clinic_id, drug_id, quantity, reorder_point FROM stock_levels "
            "WHERE clinic_id = $1 AND quantity <= reorder_point",
            clinic_id,
        )
    return [StockRow(**dict(r)) for r in rows]


async def clinics_stocking(drug_id: int, min_qty: int = 1) -> list[tuple[int, int]]:
    async with pool().acquire() as conn:
        rows = await conn.fetch(
            "SELECT clinic_id, quantity FROM stock_levels WHERE drug_id = $1 AND quantity >= $2 ORDER BY quantity DESC",
            drug_id,
            min_qty,
        )
    return [(r["clinic_id"], r["quantity"]) for r in rows]


async def record_movements(movements: list[tuple[int, int, int, str]]) -> None:
    conn = await pool().acquire()
    await conn.executemany(
        "INSERT INTO stock_movements (clinic_id, drug_id, delta, reason) VALUES ($1, $2, $3, $4)",
        movements,
    )
    await pool().release(conn)


async def apply_supplier_delivery(clinic_id: int, lines: list[tuple[int, int]]) -> None:
    async with pool().acquire() as conn:
        async with conn.transaction():
            await conn.executemany(
                "UPDATE stock_levels SET quantity = quantity + $3 WHERE clinic_id = $1 AND drug_id = $2",
                [(clinic_id, drug_id, qty) for drug_id, qty in lines],
            )
            await conn.executemany(
                "INSERT INTO stock_movements (clinic_id, drug_id, delta, reason) VALUES ($1, $2, $3, 'delivery')",
                [(clinic_id, drug_id, qty) for drug_id, qty in lines],
            )


async def stock_report(clinic_ids: list[int]) -> dict[int, list[StockRow]]:
    async with pool().acquire() as conn:
        rows = await conn.fetch(
            "SELECT clinic_id, drug_id, quantity, reorder_point FROM stock_levels "
            "WHERE clinic_id = ANY($1::int[]) ORDER BY clinic_id, drug_id",
            clinic_ids,
        )
    report: dict[int, list[StockRow]] = {cid: [] for cid in clinic_ids}
    for r in rows:
        report[r["clinic_id"]].append(StockRow(**dict(r)))
    return report
