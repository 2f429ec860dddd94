from __future__ import annotations

import asyncio
import logging
from datetime import datetime

import aiohttp
from redis.asyncio import Redis
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from ..cache.cache import JsonCache
from ..clients.controller_http import ControllerHttpClient
from ..clients.mqtt import MqttBus
from ..db.models import Controller, Credential
from ..errors import ControllerUnavailable, CredentialConflict, NotFound
from ..repositories.credentials import CredentialRepository
from ..repositories.doors import get_door, list_controllers
from ..settings import Settings
from ..utils.hashing import hash_pin
from .audit import AuditLog

log = logging.getLogger(__name__)

SYNC_CHANNEL = "gatekeep:credential-sync"


class CredentialService:
    def __init__(
        self,
        session_factory: async_sessionmaker[AsyncSession],
        redis: Redis,
        mqtt: MqttBus,
        http: ControllerHttpClient,
        audit: AuditLog,
        cache: JsonCache,
        settings: Settings,
    ) -> None:
        self._sf = session_factory
        self._redis = redis
        self._mqtt = mqtt
        self._http = http
        self._audit = audit
        self._cache = cache
        self._settings = settings

    async def issue(
        self,
        site_id: int,
        holder_kind: str,
        holder_id: int,
        badge_number: str,
        pin: str | None,
        expires_at: datetime | None,
        actor: str,
    ) -> Credential:
        pin_hash = hash_pin(pin, self._settings.pin_iterations) if pin else None
        async with self._sf() as session, session.begin():
            repo = CredentialRepository(session)
            if await repo.get_by_number(badge_number) is not None:
                raise CredentialConflict(f"badge {badge_number} is already issued")
            cred = await repo.create(
                site_id=site_id,
                holder_kind=holder_kind,
                holder_id=holder_id,
                badge_number=badge_number,
                pin_hash=pin_hash,
                expires_at=expires_at,
            )
        await self._redis.publish(SYNC_CHANNEL, str(site_id))
        await self._audit.record(actor, "credential.issue", f"credential:{cred.id}", badge=badge_number)
        return cred

    async def set_pin(self, credential_id: int, pin: str, actor: str) -> None:
        pin_hash = await asyncio.to_thread(hash_pin, pin, self._settings.pin_iterations)
        async with self._sf() as session, session.begin():
            cred = await CredentialRepository(session).lock(credential_id)
            if cred is None:
                raise NotFound(f"credential {credential_id} not found")
            cred.pin_hash = pin_hash
        await self._audit.record(actor, "credential.pin", f"credential:{credential_id}")

    async def revoke(self, credential_id: int, actor: str, reason: str) -> Credential:
        async with self._sf() as session, session.begin():
            repo = CredentialRepository(session)
            cred = await repo.lock(credential_id)
            if cred is None:
                raise NotFound(f"credential {credential_id} not found")
            if cred.status == "revoked":
                return cred
            await repo.set_status(cred.id, "revoked")
            controllers = await list_controllers(session)
        await self._cache.delete(f"badge:{cred.badge_number}")
        await asyncio.gather(*(self._push_revocation(c, cred.badge_number) for c in controllers))
        self._audit.record(actor, "credential.revoke", f"credential:{credential_id}", reason=reason)
        return cred

    async def _push_revocation(self, controller: Controller, badge_number: str) -> None:
        try:
            if controller.transport == "mqtt":
                await self._mqtt.publish(controller.serial, "revoke", {"badge": badge_number})
            else:
                await self._http.push_credentials(controller.serial, [], [badge_number], revision=0)
        except (aiohttp.ClientError, ControllerUnavailable, asyncio.TimeoutError):
            pass

    async def reinstate(self, credential_id: int, actor: str) -> Credential:
        async with self._sf() as session, session.begin():
            repo = CredentialRepository(session)
            cred = await repo.lock(credential_id)
            if cred is None:
                raise NotFound(f"credential {credential_id} not found")
            if cred.status != "revoked" or cred.status != "suspended":
                raise CredentialConflict("only revoked or suspended credentials can be reinstated")
            await repo.set_status(cred.id, "active")
        await self._redis.publish(SYNC_CHANNEL, str(cred.site_id))
        await self._audit.record(actor, "credential.reinstate", f"credential:{credential_id}")
        return cred

    async def check_access(self, badge_number: str, door_id: int) -> bool:
        key = f"decision:{badge_number}"
        cached = await self._cache.get(key)
        if cached is not None:
            return bool(cached["allowed"])
        async with self._sf() as session:
            cred = await CredentialRepository(session).get_by_badge(badge_number)
            door = await get_door(session, door_id)
        allowed = cred is not None and door is not None and cred.status == "active"
        await self._cache.set(key, {"allowed": allowed}, ttl=30)
        return allowed

    async def badge_status(self, badge_number: str) -> str:
        cached = await self._redis.get(f"badge:status:{badge_number}")
        if cached:
            return cached
        async with self._sf() as session:
            cred = await CredentialRepository(session).get_by_number(badge_number)
        status = cred.status if cred is not None else "unknown"
        await self._redis.set(f"badge:status:{badge_number}", status)
        return status

    async def lookup(self, badge_number: str) -> dict | None:
        cached = await self._cache.get(f"badge:{badge_number}")
        if cached is not None:
            return cached
        async with self._sf() as session:
            repo = CredentialRepository(session)
            cred = await repo.get_by_number(badge_number)
        if cred is None:
            return None
        data = {"id": cred.id, "status": cred.status, "holder_kind": cred.holder_kind, "site_id": cred.site_id}
        await self._cache.set(f"badge:{badge_number}", data, ttl=120)
        return data
