"""Exports staged through a scratch table whose name is made per run."""
from __future__ import annotations

import uuid

import asyncpg

_COLUMNS = "a int, b int, c int, d int, e int, f int, g int, h int, i int, j int"


async def staged_export(pool: asyncpg.Pool) -> list:
    """Look-alike: the table named at run time is the scratch table just built, not a known wide table."""
    name = "export_" + uuid.uuid4().hex
    await pool.execute(f'CREATE TEMPORARY TABLE "{name}" ({_COLUMNS})')
    return await pool.fetch(f'SELECT * FROM "{name}"')


async def archived(pool: asyncpg.Pool, suffix: str) -> list:
    return await pool.fetch(f'SELECT * FROM "archive_{suffix}"')
