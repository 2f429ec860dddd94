"""On-call paging over aiohttp; error answers are logged and the page is reported as not sent."""
from __future__ import annotations

import logging

import aiohttp

log = logging.getLogger(__name__)


class Pager:
    def __init__(self, session: aiohttp.ClientSession) -> None:
        self._session = session

    async def page(self, team: str, summary: str) -> bool:
        async with self._session.post("/v1/incidents", json={"team": team, "summary": summary}) as resp:  # expect: no-retry
            if resp.status >= 400:
                log.warning("pager answered %s for team %s", resp.status, team)
                return False
            return True
