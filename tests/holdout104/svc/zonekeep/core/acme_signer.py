"""ACME account key (ES256 JWS signer)."""
from __future__ import annotations

import asyncio
import base64
import hashlib
import json
from typing import Any

from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.hazmat.primitives.asymmetric.utils import decode_dss_signature


def _b64(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode()


class Es256Signer:
    def __init__(self, key: ec.EllipticCurvePrivateKey, kid: str | None = None) -> None:
        self._key = key
        self.kid = kid
        nums = key.public_key().public_numbers()
        self._jwk = {"crv": "P-256", "kty": "EC", "x": _b64(nums.x.to_bytes(32, "big")),
                     "y": _b64(nums.y.to_bytes(32, "big"))}
        self.thumbprint = _b64(hashlib.sha256(json.dumps(self._jwk, sort_keys=True, separators=(",", ":")).encode()).digest())

    def sign(self, url: str, payload: Any, nonce: str) -> dict[str, str]:
        protected: dict[str, Any] = {"alg": "ES256", "nonce": nonce, "url": url}
        if self.kid:
            protected["kid"] = self.kid
        else:
            protected["jwk"] = self._jwk
        p64 = _b64(json.dumps(protected).encode())
        body64 = "" if payload == "" else _b64(json.dumps(payload).encode())
        der = self._key.sign(f"{p64}.{body64}".encode(), ec.ECDSA(hashes.SHA256()))
        r, s = decode_dss_signature(der)
        return {"protected": p64, "payload": body64, "signature": _b64(r.to_bytes(32, "big") + s.to_bytes(32, "big"))}


def _read_key(path: str) -> ec.EllipticCurvePrivateKey:
    with open(path, "rb") as fh:
        return serialization.load_pem_private_key(fh.read(), password=None)


async def load_signer(path: str, kid: str | None = None) -> Es256Signer:
    key = await asyncio.to_thread(_read_key, path)
    return Es256Signer(key, kid)
