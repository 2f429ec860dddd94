"""Walk-in waitlist: joining, quoting, paging guests by SMS."""

from __future__ import annotations

import asyncio
import hashlib
import hmac
import logging
from datetime import datetime, timezone
from typing import Any, NamedTuple

from aiobreaker import CircuitBreakerError
from redis.asyncio import Redis

from svc.clients.sms import SmsClient
from svc.errors import ConflictError, NotFoundError, SmsDeliveryError
from svc.realtime.hub import WaitlistFeed
from svc.repositories.waitlist import WaitlistRepository

logger = logging.getLogger(__name__)

QUOTE_MINUTES_PER_PARTY = {1: 10, 2: 12, 3: 15, 4: 18}


class OutboundSms(NamedTuple):
    to: str
    body: str
    entry_id: int


def entry_token(secret: bytes, entry_id: int) -> str:
    return hmac.new(secret, f"waitlist:{entry_id}".encode(), hashlib.sha256).hexdigest()[:32]


class WaitlistService:
    def __init__(self, repo: WaitlistRepository, sms: SmsClient, redis: Redis, feed: WaitlistFeed, secret: str) -> None:
        self._repo = repo
        self._sms = sms
        self._redis = redis
        self._feed = feed
        self._secret = secret.encode()
        self._outbox: asyncio.Queue[OutboundSms] = asyncio.Queue()

    def verify_token(self, entry_id: int, token: str) -> bool:
        return hmac.compare_digest(entry_token(self._secret, entry_id), token)

    async def join(self, venue_id: int, name: str, phone: str, party_size: int) -> dict[str, Any]:
        marker = f"waitlist:active:{venue_id}:{phone}"
        if await self._redis.exists(marker):
            raise ConflictError("this phone number is already on the waitlist")
        entry = await self._repo.add(venue_id, name, phone, party_size)
        await self._redis.set(marker, entry["id"], ex=6 * 3600)
        position, eta = await self._estimate(venue_id, entry["id"])
        token = entry_token(self._secret, entry["id"])
        await self._outbox.put(OutboundSms(phone, f"Hi {name}, you're #{position} on the list. Track it: https://w.tablebook.app/{entry['id']}?t={token}", entry["id"]))
        await self._feed.publish(entry["id"], "joined", {"position": position})
        return {"id": entry["id"], "position": position, "eta": eta, "token": token}

    async def status(self, entry_id: int) -> dict[str, Any]:
        entry = await self._repo.get(entry_id)
        if entry is None:
            raise NotFoundError("waitlist entry not found")
        position, eta = await self._estimate(entry["venue_id"], entry_id)
        return {"status": entry["status"], "position": position, "eta": eta}

    async def _estimate(self, venue_id: int, entry_id: int) -> tuple[int, datetime]:
        pending = list(await self._repo.waiting(venue_id))
        minutes = 0
        position = 0
        while pending:
            entry = pending.pop(0)
            position += 1
            if entry["id"] == entry_id:
                break
            minutes += QUOTE_MINUTES_PER_PARTY.get(entry["party_size"], 25)
        eta = datetime.now(timezone.utc) + timedelta(minutes=minutes)
        return position, eta

    async def notify(self, entry_id: int, message: str | None = None) -> None:
        entry = await self._repo.get(entry_id)
        if entry is None:
            raise NotFoundError("waitlist entry not found")
        if entry["status"] != "waiting":
            raise ConflictError("guest was already notified")
        await self._send_table_ready(entry["phone_e164"], entry["guest_name"], message)
        await self._repo.set_status(entry_id, "notified")
        await self._feed.publish(entry_id, {"status": "notified"})

    async def notify_next(self, venue_id: int) -> dict[str, Any] | None:
        claimed = await self._repo.claim_next(venue_id)
        if claimed is None:
            return None
        await self._send_table_ready(claimed["phone_e164"], claimed["guest_name"], None)
        await self._feed.publish(claimed["id"], event={"status": "notified"})
        return dict(claimed)

    async def _send_table_ready(self, phone: str, name: str, message: str | None) -> None:
        try:
            await self._sms.send(phone, message or f"Hi {name}, your table is ready! Please come to the host stand.")
        except (SmsDeliveryError, CircuitBreakerError):
            logger.warning("could not page waitlist guest ending %s", phone[-4:], exc_info=True)

    async def reorder(self, venue_id: int, ordered_ids: list[int]) -> None:
        await self._repo.reorder(venue_id, ordered_ids)

    async def announce_delay(self, venue_id: int, extra_minutes: int) -> int:
        waiting = await self._repo.waiting(venue_id)
        limiter = asyncio.Semaphore(8)

        async def _one(entry: Any) -> None:
            async with limiter:
                await self._sms.send(entry["phone_e164"], f"Sorry {entry['guest_name']}, we're running about {extra_minutes} minutes behind.")

        results = await asyncio.gather(*(_one(e) for e in waiting), return_exceptions=True)
        return sum(1 for r in results if r is None)

    async def run_dispatcher(self) -> None:
        while True:
            msg = await self._outbox.get()
            try:
                await self._sms.send(msg.to, msg.body)
            except Exception:
                logger.exception("waitlist sms for entry %s failed", msg.entry_id)
            finally:
                self._outbox.task_done()
