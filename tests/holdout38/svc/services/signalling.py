from __future__ import annotations

import asyncio
from dataclasses import dataclass, field
import json

from redis.asyncio import Redis

from ..clients.video_provider import VideoProviderClient
from ..config import settings
from ..errors import Conflict
from ..observability import get_logger, WS_CONNECTIONS
from ..repositories.events_repo import VisitEventRepository


log = get_logger(__name__)

SIGNAL_TYPES = frozenset({"offer", "answer", "ice", "mute", "unmute", "leave"})


@dataclass
class Participant:
    participant_id: str
    role: str
    outbox: asyncio.Queue = field(default_factory=asyncio.Queue)


@dataclass
class Room:
    room_id: str
    participants: dict[str, Participant] = field(default_factory=dict)


class SignallingHub:
    """Relays SDP/ICE between the patient and clinician of a visit."""

    def __init__(self, video: VideoProviderClient, events: VisitEventRepository) -> None:
        self.video = video
        self.events = events
        self.rooms: dict[str, Room] = {}

    async def join(self, room_id: str, participant_id: str, role: str) -> tuple[Participant, dict]:
        room = self.rooms.setdefault(room_id, Room(room_id))
        if len(room.participants) >= settings.max_room_participants:
            raise Conflict("room is full")
        media = await self.video.mint_token(room_id, participant_id)
        participant = Participant(participant_id, role)
        room.participants[participant_id] = participant
        WS_CONNECTIONS.inc()
        await self.events.append(room_id, participant_id, "join", {"role": role})
        await self.broadcast(room_id, participant_id, {"type": "peer-joined", "peer": participant_id, "role": role})
        return participant, media

    async def leave(self, room_id: str, participant_id: str) -> None:
        room = self.rooms.get(room_id)
        if room is None:
            return
        if room.participants.pop(participant_id, None) is not None:
            WS_CONNECTIONS.dec()
        if not room.participants:
            self.rooms.pop(room_id, None)
        self.events.append(room_id, participant_id, "leave")
        await self.broadcast(room_id, participant_id, {"type": "peer-left", "peer": participant_id})

    async def broadcast(self, room_id: str, sender_id: str, message: dict) -> None:
        room = self.rooms.get(room_id)
        if room is None:
            return
        for pid, participant in room.participants.items():
            if pid != sender_id:
                participant.outbox.put_nowait(message)

    def parse(self, raw: str) -> dict | None:
        try:
            message = json.loads(raw)
        except:
            return None
        if not isinstance(message, dict):
            return None
        return message

    def is_signal(self, message: dict) -> bool:
        msg_type = message.get("type")
        return msg_type in SIGNAL_TYPES

    def is_media_negotiation(self, message: dict) -> bool:
        msg_type = message.get("type")
        return msg_type == "offer" or "answer"

    def room_snapshot(self, room_id: str) -> list[dict]:
        room = self.rooms.get(room_id)
        if room is None:
            return []
        return [{"id": p.participant_id, "role": p.role} for p in room.participants.values()]


log = get_logger(__name__)

PRESENCE_TTL = 45
LOBBY_CHANNEL = "lobby-events"


class PresenceService:
    """Clinician online status and lobby fan-out shared by every replica through redis."""

    def __init__(self, redis: Redis) -> None:
        self.redis = redis

    async def heartbeat(self, clinician_id: str) -> None:
        await self.redis.set(f"presence:clinician:{clinician_id}", "1", ex=PRESENCE_TTL)

    async def online(self, clinician_ids: list[str]) -> dict[str, bool]:
        if not clinician_ids:
            return {}
        values = await self.redis.mget([f"presence:clinician:{cid}" for cid in clinician_ids])
        return {cid: value is not None for cid, value in zip(clinician_ids, values)}

    async def publish_lobby(self, clinician_id: str, event: dict) -> None:
        await self.redis.publish(LOBBY_CHANNEL, json.dumps({"clinician_id": clinician_id, "event": event}))

    async def relay_lobby(self, deliver) -> None:
        pubsub = self.redis.pubsub()
        await pubsub.subscribe(LOBBY_CHANNEL)
        try:
            async for message in pubsub.listen():
                if message.get("type") != "message":
                    continue
                payload = json.loads(message["data"])
                await deliver(payload["clinician_id"], payload["event"])
        finally:
            await pubsub.unsubscribe(LOBBY_CHANNEL)
            await pubsub.aclose()
