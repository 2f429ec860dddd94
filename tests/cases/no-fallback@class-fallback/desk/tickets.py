"""Ticket service: search results degrade to an empty list when the cluster is down."""
import logging

import httpx

from desk.search import SearchClient

logger = logging.getLogger(__name__)


class TicketService:
    def __init__(self, search: SearchClient) -> None:
        self._search = search

    async def find(self, org_id: int, text: str) -> list[int]:
        try:
            return await self._search.query(org_id, text)
        except httpx.HTTPError:
            logger.warning("search unavailable, returning no results")
            return []

    async def detail(self, org_id: int, ticket_id: int) -> dict:
        related = await self._search.similar(org_id, ticket_id)  # expect: no-fallback
        return {"id": ticket_id, "related": related}

    async def remove(self, ticket_id: int) -> None:
        # a write: failing the request is the right answer, there is nothing to degrade to
        await self._search.delete(ticket_id)
