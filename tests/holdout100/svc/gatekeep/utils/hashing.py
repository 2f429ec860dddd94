from __future__ import annotations

import base64
import gzip
import hashlib
import hmac
import json
import os

from ..errors import InvalidBatch


def hash_pin(pin: str, iterations: int) -> str:
    salt = os.urandom(16)
    digest = hashlib.pbkdf2_hmac("sha256", pin.encode(), salt, iterations)
    return "pbkdf2$%d$%s$%s" % (
        iterations,
        base64.b64encode(salt).decode(),
        base64.b64encode(digest).decode(),
    )


def verify_pin(pin: str, stored: str) -> bool:
    _, iterations, salt_b64, digest_b64 = stored.split("$")
    digest = hashlib.pbkdf2_hmac("sha256", pin.encode(), base64.b64decode(salt_b64), int(iterations))
    return hmac.compare_digest(digest, base64.b64decode(digest_b64))


def record_signature(key: bytes, body: bytes) -> str:
    return hmac.new(key, body, hashlib.sha256).hexdigest()


def photo_digest(raw: bytes) -> str:
    return hashlib.sha256(raw).hexdigest()


def decode_batch(raw: bytes, key: str, max_records: int) -> list[dict]:
    """Decompress and verify a controller batch upload."""
    try:
        body = json.loads(gzip.decompress(raw))
    except (OSError, ValueError) as exc:
        raise InvalidBatch("batch is not gzip-compressed JSON") from exc
    records = body.get("records", [])
    if len(records) > max_records:
        raise InvalidBatch(f"batch has {len(records)} records, limit is {max_records}")
    secret = key.encode()
    verified = []
    for record in records:
        signature = record.pop("sig", "")
        canonical = json.dumps(record, sort_keys=True, separators=(",", ":")).encode()
        if not hmac.compare_digest(signature, record_signature(secret, canonical)):
            raise InvalidBatch("record signature mismatch", seq=record.get("seq"))
        verified.append(record)
    return verified
