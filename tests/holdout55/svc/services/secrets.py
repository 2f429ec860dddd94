"""Decrypts org/repo secrets and hands them to a job as environment variables."""
from __future__ import annotations

import logging

from cryptography.fernet import Fernet, InvalidToken
from sqlalchemy.ext.asyncio import AsyncSession

from svc.config import get_settings
from svc.repositories.misc import SecretRepository

logger = logging.getLogger(__name__)


class SecretDecryptError(RuntimeError):
    pass


def _master_key() -> bytes:
    with open(get_settings().secrets_key_file, "rb") as fh:
        return fh.read().strip()


def _decrypt(fernet: Fernet, name: str, ciphertext: str) -> str:
    try:
        return fernet.decrypt(ciphertext.encode()).decode()
    except InvalidToken:
        raise SecretDecryptError(f"secret {name!r} cannot be decrypted with the current key")


def encrypt_value(plaintext: str) -> str:
    return Fernet(_master_key()).encrypt(plaintext.encode()).decode()


class SecretInjector:
    async def resolve_for_job(self, session: AsyncSession, org_id: int, repo_id: int,
                              requested: list[str]) -> dict[str, str]:
        rows = await SecretRepository(session).for_scope(org_id, repo_id)
        fernet = Fernet(_master_key())
        resolved: dict[str, str] = {}
        # Repo-scoped rows come last and override org-wide values of the same name.
        for row in rows:
            if requested and row.name not in requested:
                continue
            resolved[row.name] = _decrypt(fernet, row.name, row.ciphertext)
        missing = set(requested) - resolved.keys()
        if missing:
            logger.warning("job in repo %s asked for undefined secrets: %s", repo_id, sorted(missing))
        return resolved
