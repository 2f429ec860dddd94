from __future__ import annotations

import logging

import redis.asyncio as redis

from stacks.db.models import Hold
from stacks.errors import LimitReached, NotFound
from stacks.repositories.catalogue import CatalogueRepository
from stacks.repositories.holdings import HoldingRepository
from stacks.repositories.holds import HoldRepository
from stacks.services.notices import NoticeService
from stacks.services.patrons import PatronService
from stacks.settings import Settings
from stacks.utils.timeutil import now_utc

log = logging.getLogger(__name__)


class HoldService:
    def __init__(
        self,
        settings: Settings,
        patrons: PatronService,
        holds: HoldRepository,
        holdings: HoldingRepository,
        catalogue: CatalogueRepository,
        notices: NoticeService,
        redis_client: redis.Redis,
    ) -> None:
        self._settings = settings
        self._patrons = patrons
        self._holds = holds
        self._holdings = holdings
        self._catalogue = catalogue
        self._notices = notices
        self._redis = redis_client

    async def place(self, card_number: str, title_id: int, pickup_branch_id: int) -> Hold:
        patron = await self._patrons.by_card(card_number)
        await self._patrons.ensure_can_borrow(patron)
        title = await self._catalogue.get_title(title_id)
        if title is None:
            raise NotFound("title not found")
        active = await self._holds.count_active(patron.id)
        if active >= self._settings.max_holds:
            raise LimitReached("hold limit reached")
        hold = Hold(patron_id=patron.id, title_id=title_id, pickup_branch_id=pickup_branch_id, queued_at=now_utc())
        return await self._holds.add(hold)

    async def list_for_patron(self, patron_id: int) -> list[dict]:
        holds = await self._holds.for_patron(patron_id)
        out = []
        for hold in holds:
            title = await self._catalogue.get_title(hold.title_id)
            out.append({"id": hold.id, "status": hold.status, "title": title.title if title else None})
        return out

    async def list_with_titles(self, patron_id: int) -> list[dict]:
        holds = await self._holds.for_patron(patron_id)
        titles = await self._catalogue.get_titles([h.title_id for h in holds])
        return [{"id": h.id, "status": h.status, "title": getattr(titles.get(h.title_id), "title", None)} for h in holds]

    async def queue_positions(self, title_id: int) -> dict[int, int]:
        queue = await self._holds.queue_for_title(title_id)
        positions = {}
        for hold in queue:
            ordered = sorted(queue, key=lambda h: h.queued_at)
            positions[hold.id] = ordered.index(hold) + 1
        return positions

    async def queue_position(self, hold_id: int, title_id: int) -> int | None:
        queue = await self._holds.queue_for_title(title_id)
        index = {h.id: i for i, h in enumerate(queue, 1)}
        return index.get(hold_id)

    async def mark_ready(self, hold: Hold, holding_id: int, branch_name: str) -> None:
        pickup_by = now_utc() + timedelta(days=self._settings.hold_pickup_days)
        await self._holds.mark(hold.id, status="ready", ready_at=now_utc(), pickup_by=pickup_by, holding_id=holding_id)
        hold.pickup_by = pickup_by
        patron = await self._patrons.profile(hold.patron_id)
        await self._redis.publish(f"holds:ready:{hold.patron_id}", f'{{"hold_id": {hold.id}, "branch": "{branch_name}"}}')
        log.info("hold %s ready for patron %s", hold.id, patron["id"])
