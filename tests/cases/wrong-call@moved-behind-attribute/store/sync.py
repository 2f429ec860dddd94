"""Callers written before the operations moved (one fix for all of them) and current ones."""
from __future__ import annotations

from .api import StorageClient


def mirror(name: str) -> None:
    storage = StorageClient()
    if not storage.get_bucket(name):  # expect: wrong-call
        storage.create_bucket(name)
    storage.delete_bucket(f"{name}-old")
    storage.get_bucket(f"{name}-tmp")


def upload(key: str) -> None:
    storage = StorageClient()
    storage.put_object(key)  # expect: wrong-call


def current(name: str, key: str) -> None:
    storage = StorageClient()
    storage.ping()
    storage.v1.get_bucket(name)
    storage.v2.put_object(key)
