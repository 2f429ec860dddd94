"""Read access to shared channels."""
from __future__ import annotations

from .store import Channels


async def can_read(member_id: str, channel_id: str) -> bool:
    channel = await Channels.get(channel_id)
    return channel is not None and channel.owner_id == member_id
