"""Consent: one signature envelope per participant."""
import asyncio
import time

import asyncpg

from consent.provider import SignatureClient
from consent.repository import ParticipantRepository


class ConsentService:
    def __init__(self, pool: asyncpg.Pool, client: SignatureClient) -> None:
        self._pool = pool
        self._client = client
        self._participants = ParticipantRepository()
        self._envelope_lock = asyncio.Lock()
        self._token_lock = asyncio.Lock()
        self._token = ""
        self._token_expires = 0.0

    async def send_envelope(self, participant_id: int, email: str) -> str:
        async with self._envelope_lock:  # expect: deadlock
            async with self._pool.acquire(timeout=5) as conn:
                participant = await self._participants.get_by_id(conn, participant_id)
                if participant is None:
                    raise LookupError(participant_id)
                if participant.envelope_id:
                    return participant.envelope_id
                envelope_id = await self._client.create_envelope(participant.reference, email)
                await self._participants.set_envelope(conn, participant_id, envelope_id)
        return envelope_id

    async def token(self) -> str:
        """Single-flight refresh of the one shared token: the lock is what makes it single."""
        async with self._token_lock:
            if self._token and self._token_expires > time.monotonic():
                return self._token
            self._token = await self._client.fetch_token()
            self._token_expires = time.monotonic() + 300
            return self._token
