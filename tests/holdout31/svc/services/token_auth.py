"""Authorisation of RFID / eMAID tokens presented at charge points (OCPP Authorize and StartTransaction)."""
from __future__ import annotations

import logging
import re
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from svc.clients.roaming import RoamingHubClient
from svc.db.models import RfidToken
from svc.db.repositories.drivers import TokenRepository
from svc.services.drivers import token_fingerprint
from svc.utils.timeutil import isoformat_z, utcnow

log = logging.getLogger(__name__)

_EMAID = re.compile(r"^[A-Z]{2}[A-Z0-9]{3}[A-Z0-9]{9}$")


@dataclass(frozen=True, slots=True)
class AuthResult:
    status: str
    driver_id: int | None = None
    expires_at: datetime | None = None
    roaming_party: str | None = None

    def as_id_tag_info(self) -> dict[str, Any]:
        info: dict[str, Any] = {"status": self.status}
        if self.expires_at is not None:
            info["expiryDate"] = isoformat_z(self.expires_at)
        return info


def _local_result(token: RfidToken) -> AuthResult:
    if token.status != "Accepted":
        return AuthResult(status=token.status, driver_id=token.driver_id)
    if token.expires_at is not None and token.expires_at <= utcnow():
        return AuthResult(status="Expired", driver_id=token.driver_id)
    return AuthResult(status="Accepted", driver_id=token.driver_id, expires_at=token.expires_at)


class TokenAuthService:
    def __init__(self, session_factory: async_sessionmaker[AsyncSession], roaming: RoamingHubClient) -> None:
        self._session_factory = session_factory
        self._roaming = roaming
        self._by_uid: dict[str, AuthResult] = {}

    async def authorize(self, uid: str, *, chargepoint_id: str) -> AuthResult:
        key = uid.upper()
        cached = self._by_uid.get(key)
        if cached is not None and (cached.expires_at is None or cached.expires_at > utcnow()):
            return cached
        async with self._session_factory() as db:
            token = await TokenRepository(db).get_by_uid(key)
        if token is not None:
            result = _local_result(token)
        elif _EMAID.match(key):
            data = await self._roaming.authorize_token(key, location_id=chargepoint_id)
            allowed = data.get("allowed") == "ALLOWED"
            result = AuthResult(status="Accepted" if allowed else "Invalid", roaming_party=key[2:5])
        else:
            result = AuthResult(status="Invalid")
        if result.status == "Accepted":
            self._by_uid[key] = result
        log.info("token %s at %s -> %s", token_fingerprint(key), chargepoint_id, result.status)
        return result

    def forget(self, uid: str) -> None:
        self._by_uid.pop(uid.upper(), None)
