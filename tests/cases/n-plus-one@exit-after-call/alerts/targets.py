"""Notification targets kept in a member's settings: found by id, then saved once."""
from __future__ import annotations

from typing import Any

from .grants import can_read
from .store import Channels, Members


async def rename_target(member_id: str, target_id: str, name: str) -> dict[str, Any]:
    settings = await Members.load_settings(member_id)
    targets = list(settings.get("targets") or [])
    for index, target in enumerate(targets):
        if target.get("id") == target_id:
            targets[index] = {**target, "name": name}
            settings["targets"] = targets
            await Members.save_settings(member_id, settings)
            return targets[index]
    raise LookupError(target_id)


async def make_default(member_id: str, target_id: str) -> dict[str, Any]:
    settings = await Members.load_settings(member_id)
    for target in settings.get("targets") or []:
        if str(target.get("id", "")).lower() == target_id.lower():
            settings["default_target"] = target["id"]
            await Members.save_settings(member_id, settings)
            return target
    raise LookupError(target_id)


async def banner_of(member_id: str, wanted: str, shared: list[dict[str, Any]], admin: bool) -> str:
    banner = ""
    for channel in shared:
        if channel.get("id") == wanted:
            meta = channel.get("meta", {})
            if (
                admin
                or await can_read(member_id, channel["id"])
            ):
                banner = meta.get("banner", "")
            break
    return banner


async def first_live(member_id: str, channel_ids: list[str]) -> str:
    for channel_id in channel_ids:
        if await can_read(member_id, channel_id):  # expect: n-plus-one
            return channel_id
    return ""


async def live_channels(channel_ids: list[str]) -> list[str]:
    live = []
    for channel_id in channel_ids:
        channel = await Channels.get(channel_id)  # expect: n-plus-one
        if channel is not None and channel.live:
            live.append(channel_id)
            continue
    return live


async def mark_all(member_id: str, target_ids: list[str]) -> None:
    settings = await Members.load_settings(member_id)
    for target_id in target_ids:
        if target_id in settings.get("muted", []):
            settings.setdefault("seen", []).append(target_id)
            await Members.save_settings(member_id, settings)  # expect: n-plus-one
            if len(settings["seen"]) < 100:
                continue
            break


async def close_first_open(member_id: str, channel_ids: list[str]) -> bool:
    queue = list(channel_ids)
    while queue:
        channel_id = queue.pop()
        try:
            channel = await Channels.get(channel_id)
            if channel is None or channel.owner_id != member_id:
                raise PermissionError(channel_id)
            channel.live = False
            return True
        except PermissionError:
            raise
        finally:
            await Members.save_settings(member_id, {"last_closed": channel_id})
    return False
