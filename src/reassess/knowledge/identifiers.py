"""Calls that return a new random identifier each time (`uuid4()`, `secrets.token_hex()`): an
id minted by one request, or a key that differs on every attempt."""
from __future__ import annotations

MINTED_IDS = frozenset({"uuid4", "uuid1", "uuid7", "token_hex", "token_urlsafe"})

# calls that draw a fresh secret (a one-time code, a nonce) for one holder: `secrets.randbelow(10**6)`
MINTED_SECRETS = MINTED_IDS | frozenset({"randbelow", "token_bytes"})
