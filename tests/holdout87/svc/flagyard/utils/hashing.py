from __future__ import annotations

import hashlib
from functools import lru_cache

BUCKETS = 10_000


def bucket_for(salt: str, user_key: str) -> int:
    """Stable bucket in [0, BUCKETS) for a user within a flag or experiment."""
    digest = hashlib.sha1(f"{salt}:{user_key}".encode()).hexdigest()[:15]
    return int(digest, 16) % BUCKETS


def sdk_key_digest(raw_key: str) -> str:
    return hashlib.sha256(raw_key.encode()).hexdigest()


@lru_cache(maxsize=256)
def flag_salt(environment_key: str, flag_key: str) -> str:
    return hashlib.sha256(f"{environment_key}/{flag_key}".encode()).hexdigest()[:12]
