"""Nightly settlement: python -m glide.workers.settlement [YYYY-MM-DD]"""
from __future__ import annotations

import asyncio
import logging
import sys
from datetime import date, timedelta

from glide.container import Container
from glide.services.settlement import SettlementService
from glide.workers.common import run_program

log = logging.getLogger(__name__)


async def main(c: Container, stop: asyncio.Event) -> None:
    day = date.fromisoformat(sys.argv[1]) if len(sys.argv) > 1 else date.today() - timedelta(days=1)
    async with c.sessions() as session:
        settled = await SettlementService(session, c.settings, c.gateway).run_for(day)
    log.info("settled %d rides for %s", settled, day)


if __name__ == "__main__":
    run_program("settlement", main)
