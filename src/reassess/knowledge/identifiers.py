"""Calls that return a new random identifier each time (`uuid4()`, `secrets.token_hex()`): an
id minted by one request, or a key that differs on every attempt."""
from __future__ import annotations

MINTED_IDS = frozenset({"uuid4", "uuid1", "uuid7", "token_hex", "token_urlsafe"})
