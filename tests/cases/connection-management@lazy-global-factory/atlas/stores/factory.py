"""Picks the store class from settings; the process keeps the one it builds."""
from __future__ import annotations

import os
import threading

from .postgres import PostgresStore
from .replica import ReplicaStore


def build_store(kind: str) -> PostgresStore:
    if kind == "postgres":
        return PostgresStore()
    raise ValueError(f"unknown store {kind}")


STORE: PostgresStore | None = None
_lock = threading.Lock()


def get_store() -> PostgresStore:
    global STORE
    if STORE is not None:
        return STORE
    with _lock:
        if STORE is None:
            STORE = build_store(os.environ.get("ATLAS_STORE", "postgres"))
    return STORE


def fresh_replica() -> ReplicaStore:
    replica = ReplicaStore()
    return replica


def close_store() -> None:
    if STORE is not None:
        STORE.close()
