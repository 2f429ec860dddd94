"""Interview scheduling against interviewer calendars."""
from __future__ import annotations

import json
import logging
from datetime import datetime, timezone

from redis.asyncio import Redis

from svc.repositories import interviews as interview_repo
from svc.services.calendar_client import CalendarClient, CalendarError
from svc.utils.locks import redis_lock

log = logging.getLogger(__name__)

SLOT_MINUTES = 45
WORK_START_HOUR = 9
WORK_END_HOUR = 18


class SlotUnavailable(Exception):
    pass


class InterviewScheduler:
    def __init__(self, calendar: CalendarClient, redis: Redis) -> None:
        self.calendar = calendar
        self.redis = redis

    async def availability(self, interviewer_id: int, day: datetime) -> list[dict]:
        key = f"avail:{interviewer_id}:{day.date().isoformat()}"
        cached = await self.redis.get(key)
        if cached:
            return json.loads(cached)
        start = day.replace(hour=WORK_START_HOUR, minute=0, second=0, microsecond=0, tzinfo=timezone.utc)
        end = day.replace(hour=WORK_END_HOUR, minute=0, second=0, microsecond=0, tzinfo=timezone.utc)
        busy = await self.calendar.free_busy(interviewer_id, start, end)
        slots = []
        cursor = start
        step = timedelta(minutes=SLOT_MINUTES)
        while cursor + step <= end:
            if not any(b_start < cursor + step and b_end > cursor for b_start, b_end in busy):
                slots.append({"start": cursor.isoformat(), "end": (cursor + step).isoformat()})
            cursor += step
        await self.redis.set(key, json.dumps(slots))
        return slots

    async def schedule(
        self,
        application_id: int,
        interviewer_id: int,
        starts_at: datetime,
        ends_at: datetime,
        kind: str,
        attendees: list[str],
    ) -> int:
        if await interview_repo.interviewer_busy(interviewer_id, starts_at, ends_at):
            raise SlotUnavailable(f"interviewer {interviewer_id} is busy")
        event_id = await self.calendar.create_event(
            interviewer_id, f"{kind.title()} interview", starts_at, ends_at, attendees
        )
        interview_id = await interview_repo.insert(application_id, interviewer_id, starts_at, ends_at, kind)
        await interview_repo.set_calendar_event(interview_id, event_id)
        await interview_repo.add_reminders(
            interview_id,
            [("email", datetime.fromtimestamp(starts_at.timestamp() - 86400, tz=timezone.utc)),
             ("sms", datetime.fromtimestamp(starts_at.timestamp() - 7200, tz=timezone.utc))],
        )
        await self.redis.delete(f"avail:{interviewer_id}:{starts_at.date().isoformat()}")
        return interview_id

    async def reschedule(self, interview_id: int, starts_at: datetime, ends_at: datetime) -> None:
        current = await interview_repo.get(interview_id)
        if current is None:
            raise LookupError(interview_id)
        async with redis_lock(self.redis, f"interviewer:{current.interviewer_id}", ttl_ms=15_000):
            if await interview_repo.interviewer_busy(current.interviewer_id, starts_at, ends_at):
                raise SlotUnavailable("new slot is taken")
            if current.calendar_event_id:
                try:
                    await self.calendar.delete_event(current.interviewer_id, current.calendar_event_id)
                except CalendarError:
                    log.warning("could not delete calendar event %s; continuing", current.calendar_event_id)
            await interview_repo.cancel(interview_id)
            new_id = await interview_repo.insert(
                current.application_id, current.interviewer_id, starts_at, ends_at, current.kind
            )
        log.info("interview %s rescheduled as %s", interview_id, new_id)

    async def cancel(self, interview_id: int) -> None:
        current = await interview_repo.get(interview_id)
        if current is None:
            return
        await interview_repo.cancel(interview_id)
        if current.calendar_event_id:
            await self.calendar.delete_event(current.interviewer_id, current.calendar_event_id)
