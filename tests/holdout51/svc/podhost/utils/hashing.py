"""Hashing helpers: file digests, API keys, private feed tokens."""
from __future__ import annotations

import hashlib
import hmac

import bcrypt

CHUNK = 1024 * 1024


def file_sha256(path: str) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as fh:
        for block in iter(lambda: fh.read(CHUNK), b""):
            digest.update(block)
    return digest.hexdigest()


def hash_api_key(raw_key: str, pepper: str) -> str:
    return bcrypt.hashpw((raw_key + pepper).encode(), bcrypt.gensalt(rounds=12)).decode()


def verify_api_key(raw_key: str, pepper: str, stored: str) -> bool:
    return bcrypt.checkpw((raw_key + pepper).encode(), stored.encode())


def api_key_lookup_digest(raw_key: str) -> str:
    return hashlib.sha256(raw_key.encode()).hexdigest()[:32]


def feed_token(show_id: int, subscriber: str, secret: str) -> str:
    message = f"{show_id}:{subscriber}".encode()
    return hmac.new(secret.encode(), message, hashlib.sha256).hexdigest()


def signature(body: bytes, secret: str) -> str:
    return "sha256=" + hmac.new(secret.encode(), body, hashlib.sha256).hexdigest()
