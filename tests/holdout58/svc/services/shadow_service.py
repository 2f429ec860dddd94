"""Device shadows: desired state written by operators, reported state written by devices."""
from __future__ import annotations

import logging
from typing import Protocol

from sqlalchemy.ext.asyncio import AsyncSession

from ..repositories.devices import DeviceRepository, ShadowRepository
from ..utils.errors import DeviceNotFound, ShadowConflict
from ..utils.topics import command_topic

logger = logging.getLogger(__name__)


def compute_delta(desired: dict, reported: dict) -> dict:
    """Keys of `desired` whose value differs from `reported`, recursively."""
    delta: dict = {}
    for key, want in desired.items():
        have = reported.get(key)
        if isinstance(want, dict) and isinstance(have, dict):
            nested = compute_delta(want, have)
            if nested:
                delta[key] = nested
        elif want != have:
            delta[key] = want
    return delta


def apply_patch(document: dict, patch: dict) -> dict:
    """Return a new document with `patch` merged in; None values delete keys."""
    merged = dict(document)
    for key, value in patch.items():
        if value is None:
            merged.pop(key, None)
        elif isinstance(value, dict) and isinstance(merged.get(key), dict):
            merged[key] = apply_patch(merged[key], value)
        else:
            merged[key] = value
    return merged


class Publisher(Protocol):
    async def publish(self, topic: str, message: dict, qos: int = 1) -> None: ...


class ShadowService:
    def __init__(self, session: AsyncSession, publisher: Publisher | None = None) -> None:
        self._session = session
        self._repo = ShadowRepository(session)
        self._devices = DeviceRepository(session)
        self._publisher = publisher

    async def get_document(self, device_id: str) -> dict:
        shadow = await self._repo.get(device_id)
        if shadow is None:
            raise DeviceNotFound(device_id)
        return {
            "desired": shadow.desired,
            "reported": shadow.reported,
            "delta": compute_delta(shadow.desired, shadow.reported),
            "version": shadow.version,
        }

    async def set_desired(self, device_id: str, patch: dict, expected_version: int) -> dict:
        shadow = await self._repo.get(device_id)
        device = await self._devices.get(device_id)
        if shadow is None or device is None:
            raise DeviceNotFound(device_id)
        desired = apply_patch(shadow.desired, patch)
        if not await self._repo.compare_and_set_desired(device_id, desired, expected_version):
            raise ShadowConflict(f"shadow for {device_id} changed since version {expected_version}")
        await self._session.commit()
        await self._push_delta(device.site_id, device_id, desired, shadow.reported)
        return {"desired": desired, "version": expected_version + 1}

    async def report(self, device_id: str, reported: dict) -> None:
        current = await self._repo.get(device_id)
        if current is None:
            logger.info("reported state for unknown device %s ignored", device_id)
            return
        merged = apply_patch(current.reported, reported)
        device = await self._devices.get(device_id)
        if device is not None:
            await self._push_delta(device.site_id, device_id, current.desired, merged)
        current.reported = merged
        current.version += 1
        await self._repo.save(current)
        await self._session.commit()

    async def _push_delta(self, site_id: str, device_id: str, desired: dict, reported: dict) -> None:
        if self._publisher is None:
            return
        delta = compute_delta(desired, reported)
        if not delta:
            return
        try:
            await self._publisher.publish(command_topic(site_id, device_id), {"name": "shadow.delta", "args": delta})
        except (ConnectionError, TimeoutError) as exc:
            logger.warning("could not push shadow delta to %s: %s (device will resync on reconnect)", device_id, exc)
