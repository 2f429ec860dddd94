"""Patching a member's fields: one key of the patch needs a uniqueness check."""
from __future__ import annotations

from typing import Any

from .store import Channels, Members


async def apply_patch(member_id: str, patch: dict[str, Any]) -> dict[str, Any]:
    settings = await Members.load_settings(member_id)
    for key, value in patch.items():
        if key == "home_channel" and value != settings.get("home_channel"):
            if await Channels.get(value) is None:
                raise LookupError(value)
        settings[key] = value
    await Members.save_settings(member_id, settings)
    return settings


async def check_channels(member_id: str, patch: dict[str, Any]) -> None:
    for key, value in patch.items():
        if key.endswith("_channel"):
            if await Channels.get(value) is None:  # expect: n-plus-one
                raise LookupError(value)
