"""Device certificate issuance and rotation through the internal CA."""
from __future__ import annotations

import asyncio
import logging
import os
import uuid
from pathlib import Path

import httpx
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import rsa
from cryptography.x509.oid import NameOID
from sqlalchemy.ext.asyncio import async_sessionmaker

from ..clients.ca_client import CAClient
from ..db.models import Certificate
from ..repositories.certificates import CertificateRepository
from ..utils.time import parse_ts, utcnow
from .shadow_service import Publisher

logger = logging.getLogger(__name__)

_KEY_SIZE = 3072


def _new_key() -> rsa.RSAPrivateKey:
    return rsa.generate_private_key(public_exponent=65537, key_size=_KEY_SIZE)


def _csr_pem(key: rsa.RSAPrivateKey, device_id: str) -> str:
    csr = (
        x509.CertificateSigningRequestBuilder()
        .subject_name(x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, device_id)]))
        .sign(key, hashes.SHA256())
    )
    return csr.public_bytes(serialization.Encoding.PEM).decode()


def _key_pem(key: rsa.RSAPrivateKey) -> bytes:
    return key.private_bytes(
        serialization.Encoding.PEM,
        serialization.PrivateFormat.PKCS8,
        serialization.NoEncryption(),
    )


def _write_private(path: Path, data: bytes) -> None:
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "wb") as fh:
        fh.write(data)


class CertRotationService:
    def __init__(
        self,
        session_factory: async_sessionmaker,
        ca: CAClient,
        publisher: Publisher,
        key_dir: str,
    ) -> None:
        self._session_factory = session_factory
        self._ca = ca
        self._publisher = publisher
        self._key_dir = Path(key_dir)

    @staticmethod
    def days_left(cert: Certificate) -> int:
        remaining = cert.not_after - utcnow()
        return remaining.seconds // 86400

    async def rotate(self, device_id: str, site_id: str) -> Certificate | None:
        key = await asyncio.to_thread(_new_key)
        csr = _csr_pem(key, device_id)
        try:
            signed = await self._ca.sign_csr(device_id, csr, validity_days=365)
        except httpx.HTTPError:
            return None
        await asyncio.to_thread(_write_private, self._key_dir / f"{device_id}.pem", _key_pem(key))
        cert = await self._store(device_id, signed)
        await self._publisher.publish(
            f"fleet/{site_id}/{device_id}/cert",
            {"serial": cert.serial, "certificate": signed["certificate"], "not_after": signed["not_after"]},
        )
        logger.info("rotated certificate for %s, new serial %s", device_id, cert.serial)
        return cert

    async def issue_bootstrap(self, device_id: str) -> dict:
        key = _new_key()
        signed = await self._ca.sign_csr(device_id, _csr_pem(key, device_id), validity_days=30)
        path = self._key_dir / f"{device_id}.bootstrap.pem"
        path.write_bytes(_key_pem(key))
        os.chmod(path, 0o600)
        cert = await self._store(device_id, signed)
        return {"serial": cert.serial, "certificate": signed["certificate"], "key_ref": path.name}

    async def _store(self, device_id: str, signed: dict) -> Certificate:
        async with self._session_factory() as session:
            repo = CertificateRepository(session)
            previous = await repo.active_for_device(device_id)
            if previous is not None:
                await repo.set_status(previous.id, "superseded")
            cert = Certificate(
                id=str(uuid.uuid4()),
                device_id=device_id,
                serial=signed["serial"],
                fingerprint=signed["fingerprint"],
                not_after=parse_ts(signed["not_after"]),
                pem=signed["certificate"].encode(),
            )
            await repo.add(cert)
            await session.commit()
            return cert
