"""A journal store opened by its owner; one route re-opens the owner's store, another opens its own."""
from __future__ import annotations

import sqlite3

from fastapi import APIRouter

router = APIRouter()


class JournalStore:
    def __init__(self, path: str) -> None:
        self.connection = sqlite3.connect(path, check_same_thread=False)  # expect: connection-management

    def close(self) -> None:
        self.connection.close()

    def count(self) -> int:
        return self.connection.execute("SELECT count(*) FROM journal").fetchone()[0]


class Journal:
    def __init__(self, path: str) -> None:
        self.path = path
        self.store = JournalStore(path)

    @classmethod
    def open(cls, path: str) -> "Journal":
        return cls(path)

    def reset(self) -> None:
        """Drops the file's connection and opens a fresh one, kept for later calls."""
        self.store.close()
        self.store = JournalStore(self.path)


def count_entries(path: str) -> int:
    store = JournalStore(path)
    try:
        return store.count()
    finally:
        store.close()


@router.post("/journal/reset")
def reset_journal() -> dict:
    if _journal is not None:
        _journal.reset()
    return {"ok": True}


@router.get("/journal/{name}/count")
def journal_count(name: str) -> dict:
    return {"count": count_entries(f"{name}.db")}


_journal: Journal | None = None


def configure(path: str) -> None:
    global _journal
    _journal = Journal.open(path)
