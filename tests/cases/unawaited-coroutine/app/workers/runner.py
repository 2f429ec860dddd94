"""Entry point of the audit worker."""
from __future__ import annotations

import asyncio

from app.services import audit


async def main(conn) -> None:
    await audit.record(conn, 0, "worker.started")


def start(conn) -> None:
    asyncio.run(main(conn))
