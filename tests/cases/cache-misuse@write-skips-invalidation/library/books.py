"""Book details with a process-local cache."""
from __future__ import annotations


class LocalCache:
    def __init__(self) -> None:
        self._items: dict = {}

    def get(self, key):
        return self._items.get(key)

    def set(self, key, value) -> None:
        self._items[key] = value

    def pop(self, key) -> None:
        self._items.pop(key, None)


class Catalogue:
    def __init__(self, store) -> None:
        self._store = store
        self._cache = LocalCache()

    def details(self, isbn: str) -> dict:
        hit = self._cache.get(isbn)
        if hit is None:
            hit = self._store.load(isbn)
            self._cache.set(isbn, hit)
        return hit

    def withdraw(self, isbn: str) -> None:
        self._store.save_fields(isbn, available=False)
        self._cache.pop(isbn)

    def relabel(self, isbn: str, shelf: str) -> None:
        self._store.save_fields(isbn, shelf=shelf)  # expect: cache-misuse

    def count_loans(self, isbn: str) -> int:
        # correct: a read of another table, not the cached record's write
        return self._store.loans_of(isbn)
