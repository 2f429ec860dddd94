"""Waiting-room check-ins, kept in raw SQL because the board polls them constantly."""
from __future__ import annotations

import json
from typing import Any

import asyncpg


async def add_checkin(pool: asyncpg.Pool, clinic_id: int, appointment_id: int, pet_name: str) -> dict[str, Any]:
    async with pool.acquire() as conn:
        row = await conn.fetchrow(
            """
            INSERT INTO checkins (clinic_id, appointment_id, pet_name)
            VALUES ($1, $2, $3)
            ON CONFLICT (appointment_id) DO UPDATE SET status = 'waiting'
            RETURNING id, clinic_id, appointment_id, pet_name, status, checked_in_at
            """,
            clinic_id,
            appointment_id,
            pet_name,
        )
    return dict(row)


async def waiting_for_clinic(pool: asyncpg.Pool, clinic_id: int) -> list[dict[str, Any]]:
    async with pool.acquire() as conn:
        rows = await conn.fetch(
            "SELECT id, pet_name, status, room, checked_in_at FROM checkins "
            "WHERE clinic_id = $1 AND status IN ('waiting', 'called') ORDER BY checked_in_at",
            clinic_id,
        )
    return [dict(r) for r in rows]


async def call_next(pool: asyncpg.Pool, clinic_id: int, room: str) -> dict[str, Any] | None:
    conn = await pool.acquire()
    try:
        row = await conn.fetchrow(
            """
            UPDATE checkins SET status = 'called', room = $2, called_at = now()
             WHERE id = (
                SELECT id FROM checkins
                 WHERE clinic_id = $1 AND status = 'waiting'
                 ORDER BY checked_in_at
                 LIMIT 1
                 FOR UPDATE SKIP LOCKED)
            RETURNING id, pet_name, room, status
            """,
            clinic_id,
            room,
        )
    finally:
        await pool.release(conn)
    return dict(row) if row else None


async def complete(pool: asyncpg.Pool, checkin_id: int) -> None:
    async with pool.acquire() as conn:
        await conn.execute("UPDATE checkins SET status = 'done' WHERE id = $1", checkin_id)


async def record(
    pool: asyncpg.Pool, actor: str, entity: str, entity_id: int, action: str, payload: dict[str, Any] | None = None
) -> None:
    async with pool.acquire() as conn:
        await conn.execute(
            "INSERT INTO audit_events (actor, entity, entity_id, action, payload) VALUES ($1, $2, $3, $4, $5)",
            actor,
            entity,
            entity_id,
            action,
            json.dumps(payload or {}),
        )


async def history_for(pool: asyncpg.Pool, entity: str, entity_id: int, limit: int = 100) -> list[dict[str, Any]]:
    async with pool.acquire() as conn:
        rows = await conn.fetch(
            "SELECT actor, action, payload, created_at FROM audit_events "
            "WHERE entity = $1 AND entity_id = $2 ORDER BY created_at DESC LIMIT $3",
            entity,
            entity_id,
            limit,
        )
    return [dict(r) for r in rows]


async def recent(pool: asyncpg.Pool, since_minutes: int = 60) -> list[dict[str, Any]]:
    async with pool.acquire() as conn:
        rows = await conn.fetch(
            "SELECT actor, entity, entity_id, action, created_at FROM audit_events "
            "WHERE created_at > now() - make_interval(mins => $1) ORDER BY created_at DESC LIMIT 500",
            since_minutes,
        )
    return [dict(r) for r in rows]
