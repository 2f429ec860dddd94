"""Connections to the alerts database."""
from __future__ import annotations

import asyncpg

DSN = "postgresql://db/alerts"


async def notify_connection() -> asyncpg.Connection:
    """A dedicated connection for LISTEN: a pooled one would be handed to someone else."""
    return await asyncpg.connect(DSN)


async def report_connection() -> asyncpg.Connection:
    return await asyncpg.connect(DSN, command_timeout=30)
