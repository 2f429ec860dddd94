from __future__ import annotations

import json
import logging
import secrets
import time
from datetime import date, datetime

from redis.asyncio import Redis
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from ..clients.badge_printer import BadgePrinter
from ..errors import Conflict, NotFound, ValidationFailed
from ..models import Visitor
from ..repositories.access import VisitorRepository
from ..repositories.locations import LocationRepository
from ..repositories.members import MemberRepository
from ..utils.concurrency import TaskTracker
from ..utils.rendering import render_badge
from ..utils.timeutil import utcnow
from .notifications import Notifier

logger = logging.getLogger(__name__)

QR_TTL_S = 48 * 3600


class VisitorService:
    def __init__(self, sessionmaker: async_sessionmaker[AsyncSession], redis: Redis, printer: BadgePrinter,
                 notifier: Notifier, tasks: TaskTracker, daily_limit: int) -> None:
        self._sessionmaker = sessionmaker
        self._redis = redis
        self._printer = printer
        self._notifier = notifier
        self._tasks = tasks
        self._daily_limit = daily_limit
        self._invitations: dict[str, tuple[int, float]] = {}
        self._badge_images: dict[int, bytes] = {}

    async def pre_register(self, host_member_id: int, location_id: int, name: str, email: str | None,
                           company: str | None, expected_at: datetime) -> tuple[Visitor, str]:
        if not name.strip():
            raise ValidationFailed("visitor name is required")
        async with self._sessionmaker() as session:
            visitor = Visitor(location_id=location_id, host_member_id=host_member_id, name=name.strip(),
                              email=email, company=company, expected_at=expected_at)
            session.add(visitor)
            await session.commit()
        self._expire_invitations()
        token = secrets.token_urlsafe(16)
        self._invitations[token] = (visitor.id, time.monotonic() + QR_TTL_S)
        return visitor, token

    def _expire_invitations(self) -> None:
        now = time.monotonic()
        for token in [t for t, (_, expires) in self._invitations.items() if expires < now]:
            del self._invitations[token]

    async def redeem_invitation(self, token: str) -> Visitor:
        entry = self._invitations.pop(token, None)
        if entry is None or entry[1] < time.monotonic():
            raise NotFound("invitation not found or expired")
        return await self.check_in(entry[0])

    async def _count_visit(self, host_member_id: int) -> None:
        key = f"visitors:{host_member_id}:{date.today():%Y%m%d}"
        current = await self._redis.get(key)
        if current is not None and int(current) >= self._daily_limit:
            raise Conflict("this member has reached today's visitor limit")
        await self._redis.set(key, int(current or 0) + 1, ex=86_400)

    async def check_in(self, visitor_id: int) -> Visitor:
        async with self._sessionmaker() as session:
            visitor = await VisitorRepository(session).get(visitor_id)
            if visitor is None:
                raise NotFound("visitor not found")
            if visitor.checked_in_at is not None:
                raise Conflict("visitor already checked in")
            location = await LocationRepository(session).get(visitor.location_id)
            host = await MemberRepository(session).get(visitor.host_member_id)
            assert location is not None and host is not None
            await self._count_visit(host.id)
            visitor.checked_in_at = utcnow()
            visitor.badge_number = f"V{visitor.id % 10000:04d}"
            await session.commit()

        png = render_badge(visitor.name, visitor.company, host.name, location.name, f"deskhub:visitor:{visitor.id}")
        self._badge_images[visitor.id] = png
        if location.badge_printer_host:
            await self._printer.print_badge(location.badge_printer_host, png)

        event = {"type": "visitor_checked_in", "visitor_id": visitor.id, "name": visitor.name, "host": host.name}
        self._redis.publish(f"frontdesk:{location.id}", json.dumps(event))
        self._tasks.spawn(self._notifier.notify_host(visitor, host), name=f"notify-host-{visitor.id}")
        logger.info("visitor %s checked in at location %s", visitor.id, location.id)
        return visitor

    async def check_out(self, visitor_id: int) -> Visitor:
        async with self._sessionmaker() as session:
            visitor = await VisitorRepository(session).get(visitor_id)
            if visitor is None:
                raise NotFound("visitor not found")
            visitor.checked_out_at = utcnow()
            await session.commit()
        event = {"type": "visitor_checked_out", "visitor_id": visitor.id}
        await self._redis.publish(f"frontdesk:{visitor.location_id}", json.dumps(event))
        return visitor

    def badge_image(self, visitor_id: int) -> bytes | None:
        return self._badge_images.get(visitor_id)
