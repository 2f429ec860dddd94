from __future__ import annotations

import base64
from uuid import UUID

import asyncpg
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import ed25519, rsa

from pulsewatch.errors import PulsewatchError


def _pem_public(key) -> str:
    return key.public_key().public_bytes(
        serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo
    ).decode()


def _pem_private(key) -> bytes:
    return key.private_bytes(
        serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()
    )


class SigningKeyService:
    """Per-organisation keys used to sign outbound webhook payloads (JWS)."""

    def __init__(self, pool: asyncpg.Pool, vault_encrypt) -> None:
        self._pool = pool
        self._encrypt = vault_encrypt

    async def _store(self, org_id: UUID, algorithm: str, private_pem: bytes, public_pem: str) -> dict[str, str]:
        key_id = await self._pool.fetchval(
            """
            INSERT INTO signing_keys (org_id, algorithm, private_key, public_key)
            VALUES ($1, $2, $3, $4)
            RETURNING id
            """,
            org_id,
            algorithm,
            self._encrypt(private_pem),
            public_pem,
        )
        return {"kid": str(key_id), "alg": algorithm, "public_key": public_pem}

    async def rotate(self, org_id: UUID, algorithm: str = "EdDSA") -> dict[str, str]:
        if algorithm == "EdDSA":
            key = ed25519.Ed25519PrivateKey.generate()
        elif algorithm == "RS256":
            key = rsa.generate_private_key(public_exponent=65537, key_size=4096)
        else:
            raise PulsewatchError(f"unsupported algorithm {algorithm}")
        return await self._store(org_id, algorithm, _pem_private(key), _pem_public(key))

    async def jwks(self, org_id: UUID) -> list[dict[str, str]]:
        rows = await self._pool.fetch(
            "SELECT id, algorithm, public_key FROM signing_keys WHERE org_id = $1 AND retired_at IS NULL", org_id
        )
        return [
            {"kid": str(r["id"]), "alg": r["algorithm"], "pem": base64.b64encode(r["public_key"].encode()).decode()}
            for r in rows
        ]
