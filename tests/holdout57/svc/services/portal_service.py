"""Claimant portal access (one PIN per claim, stored hashed in redis) and claimant e-mail."""
from __future__ import annotations

import asyncio
import logging
import secrets

import httpx
import redis.asyncio as aioredis

from svc.utils.security import hash_pin

log = logging.getLogger(__name__)

PIN_HASH_KEY = "portal:pins"


class ClaimantNotifier:
    def __init__(self, client: httpx.AsyncClient, sender: str = "claims@insurer.example") -> None:
        self._client = client
        self._sender = sender

    async def _send(self, to: str, subject: str, body: str) -> None:
        response = await self._client.post(
            "/v1/messages", json={"from": self._sender, "to": [to], "subject": subject, "text": body}
        )
        response.raise_for_status()

    async def send_portal_pin(self, to: str, claim_number: str, pin: str) -> None:
        body = (
            f"Your claim {claim_number} has been received.\n"
            f"Use PIN {pin} with your claim number to follow its progress and upload documents."
        )
        try:
            await self._send(to, f"Claim {claim_number}: portal access", body)
        except httpx.HTTPError:
            pass

    async def send_status_update(self, to: str, claim_number: str, status: str) -> None:
        try:
            await self._send(to, f"Claim {claim_number} update", f"Your claim is now: {status}.")
        except httpx.HTTPError as exc:
            log.warning("status e-mail for %s not sent: %s", claim_number, exc)


class PortalService:
    def __init__(self, redis: aioredis.Redis, notifier: ClaimantNotifier, salt: str) -> None:
        self._redis = redis
        self._notifier = notifier
        self._salt = salt

    async def issue_pin(self, claim_number: str, email: str) -> None:
        pin = f"{secrets.randbelow(10**6):06d}"
        digest = await asyncio.to_thread(hash_pin, pin, self._salt)
        await self._redis.hset(PIN_HASH_KEY, claim_number, digest)
        await self._notifier.send_portal_pin(email, claim_number, pin)
        logger.info("portal PIN issued for %s", claim_number)

    async def revoke(self, claim_number: str) -> None:
        self._redis.hdel(PIN_HASH_KEY, claim_number)
        log.info("portal access revoked for %s", claim_number)
