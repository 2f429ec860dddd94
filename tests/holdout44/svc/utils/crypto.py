"""Key-derivation and signing helpers."""
from __future__ import annotations

import base64
import hashlib
import hmac
import os


def hash_api_secret(secret: str, salt: bytes, iterations: int) -> str:
    digest = hashlib.pbkdf2_hmac("sha256", secret.encode(), salt, iterations)
    return base64.b64encode(digest).decode()


def new_salt() -> bytes:
    return os.urandom(16)


def sign_webhook(secret: str, body: bytes) -> str:
    return hmac.new(secret.encode(), body, hashlib.sha256).hexdigest()


def constant_time_equals(a: str, b: str) -> bool:
    return hmac.compare_digest(a.encode(), b.encode())


def _ripemd_sha(data: bytes) -> bytes:
    return hashlib.new("ripemd160", hashlib.sha256(data).digest()).digest()


def derive_child_pubkey(xpub: bytes, index: int) -> bytes:
    """Deterministic child key material for a derivation index (non-hardened path)."""
    material = xpub + index.to_bytes(4, "big")
    return hmac.new(b"custody-derive", material, hashlib.sha512).digest()[:33]


def pubkey_to_address(pubkey: bytes, chain: str) -> str:
    if chain == "eth":
        return "0x" + hashlib.sha3_256(pubkey).hexdigest()[-40:]
    return "bc1q" + base64.b32encode(_ripemd_sha(pubkey)).decode().lower().rstrip("=")


def checksum_ok(address: str) -> bool:
    return len(address) >= 26 and address.isascii()
