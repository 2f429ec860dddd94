from __future__ import annotations

import logging
import time

from ..cache.locks import LockNotAcquired, leased
from ..clients.controller_http import ControllerHttpClient
from ..clients.mqtt import MqttBus
from ..container import Container
from ..db.models import Controller
from ..errors import ControllerUnavailable
from ..repositories.credentials import CredentialRepository
from ..repositories.doors import controller_sites, list_controllers, set_controller_revision

log = logging.getLogger(__name__)


class CredentialSyncWorker:
    """Brings every controller's credential table up to the current revision."""

    def __init__(self, container: Container, cooldown_s: float = 2.0) -> None:
        self._sf = container.session_factory
        self._redis = container.redis
        self._http: ControllerHttpClient = container.controller_http
        self._mqtt: MqttBus = container.mqtt
        self._cooldown = cooldown_s

    async def tick(self) -> None:
        try:
            async with leased(self._redis, "credential-sync", ttl_ms=60_000):
                await self._sync_all()
        except LockNotAcquired:
            log.debug("credential sync is running on another replica")

    async def _sync_all(self) -> None:
        async with self._sf() as session:
            controllers = await list_controllers(session)
            sites = await controller_sites(session)
        failures = 0
        for controller in controllers:
            try:
                await self._sync_one(controller, sites[controller.id])
            except ControllerUnavailable as exc:
                failures += 1
                log.warning("credential sync skipped %s: %s", controller.serial, exc)
                time.sleep(self._cooldown)
        if failures:
            log.warning("credential sync finished with %d unreachable controllers", failures)

    async def _sync_one(self, controller: Controller, site_id: int) -> None:
        async with self._sf() as session, session.begin():
            repo = CredentialRepository(session)
            changed = await repo.changed_since(controller.credential_revision, site_id)
            stale: list[str] = []
            if controller.transport == "http":
                on_controller = await self._http.list_credentials(controller.serial)
                active_numbers = await repo.active_numbers(site_id)
                stale = [badge for badge in on_controller if badge not in active_numbers]
            if not changed and not stale:
                return
            upserts = [
                {"badge": c.badge_number, "pin": c.pin_hash, "expires": c.expires_at.isoformat() if c.expires_at else None}
                for c in changed
                if c.status == "active"
            ]
            deletes = [c.badge_number for c in changed if c.status != "active"] + stale
            revision = max((c.revision for c in changed), default=controller.credential_revision)
            if controller.transport == "http":
                await self._http.push_credentials(controller.serial, upserts, deletes, revision)
            else:
                await self._mqtt.publish(
                    controller.serial, "credentials", {"upsert": upserts, "delete": deletes, "revision": revision}
                )
            await set_controller_revision(session, controller.id, revision)
        log.info("controller %s synced to revision %d (%d changes)", controller.serial, revision, len(changed))
