"""Video visit rooms and participant tokens."""
from __future__ import annotations

import asyncio
import hashlib
from datetime import UTC, datetime, timedelta
from typing import TYPE_CHECKING

from sqlalchemy.ext.asyncio import AsyncSession

from svc.clients.video_api import VideoApiClient
from svc.config import Settings
from svc.errors import NotFound
from svc.schemas import VideoSession
from svc.utils.tokens import sign_join_link

if TYPE_CHECKING:
    from svc.db.models import Booking

_rooms_by_booking: dict[int, str] = {}


class VideoService:
    def __init__(self, client: VideoApiClient, session: AsyncSession, settings: Settings) -> None:
        self._client = client
        self._session = session
        self._settings = settings

    async def ensure_room(self, booking: Booking) -> str:
        if booking.video_room_id:
            return booking.video_room_id
        if booking.id not in _rooms_by_booking:
            room = await self._client.create_room(booking.id, booking.created_at)
            _rooms_by_booking[booking.id] = room["id"]
        booking.video_room_id = _rooms_by_booking[booking.id]
        await self._session.commit()
        return booking.video_room_id

    async def join(self, booking: Booking, identity: str) -> VideoSession:
        if booking.status != "confirmed":
            raise NotFound(f"booking {booking.id} is not confirmed")
        room_id = await self.ensure_room(booking)
        coro = self._client.participant_token(room_id, identity, ttl_seconds=3600)
        token = await asyncio.wait_for(coro, timeout=15)
        signature = await sign_join_link(self._settings.token_secret, booking.id, identity)
        return VideoSession(
            room_id=room_id,
            join_url=f"/visit/{booking.id}?sig={signature}&p={self.participant_fingerprint(identity)}",
            token=token["token"],
            expires_at=datetime.now(UTC) + timedelta(hours=1),
        )

    async def dial_in_pin(self, booking_id: int, phone: str) -> str:
        salt = f"{booking_id}:{phone}".encode()
        derived = hashlib.pbkdf2_hmac("sha256", self._settings.token_secret.encode(), salt, 600_000)
        return str(int.from_bytes(derived[:4], "big") % 1_000_000).zfill(6)

    def participant_fingerprint(self, identity: str) -> str:
        return hashlib.sha256(identity.encode()).hexdigest()[:16]
