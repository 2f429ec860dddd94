"""Runner registration tokens: issue, hash and verify."""
from __future__ import annotations

import asyncio
import hashlib
import hmac
import os

from sqlalchemy.ext.asyncio import AsyncSession

from svc.db.models import Runner
from svc.repositories.misc import RunnerRepository
from svc.utils.common import new_runner_token

PBKDF2_ITERATIONS = 600_000


def hash_token(token: str, salt: bytes) -> str:
    return hashlib.pbkdf2_hmac("sha256", token.encode(), salt, PBKDF2_ITERATIONS).hex()


async def register_runner(session: AsyncSession, org_id: int, name: str, labels: list[str]) -> tuple[Runner, str]:
    token = new_runner_token()
    salt = os.urandom(16)
    token_hash = await asyncio.to_thread(hash_token, token, salt)
    runner = Runner(org_id=org_id, name=name, labels=labels, token_hash=token_hash, token_salt=salt.hex())
    await RunnerRepository(session).add(runner)
    await session.commit()
    return runner, f"{runner.id}.{token}"


async def authenticate(session: AsyncSession, credential: str) -> Runner | None:
    runner_id, _, token = credential.partition(".")
    if not runner_id.isdigit() or not token:
        return None
    runner = await RunnerRepository(session).get(int(runner_id))
    if runner is None:
        return None
    digest = hashlib.pbkdf2_hmac("sha256", token.encode(), bytes.fromhex(runner.token_salt), PBKDF2_ITERATIONS).hex()
    if not hmac.compare_digest(digest, runner.token_hash):
        return None
    return runner
