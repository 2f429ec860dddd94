"""A registry whose cached reads refresh under a lock: the export calls the listing with the cache
switched off, so the refresh (and its lock) is never reached from under the lock; the audit calls
a helper that refreshes unconditionally."""
from __future__ import annotations

import threading


class Registry:
    def __init__(self, store) -> None:
        self._store = store
        self._lock = threading.Lock()
        self._cached: dict | None = None

    def _refresh(self) -> dict:
        with self._lock:
            self._cached = self._store.load()
            return self._cached

    def list_projects(self, allow_cache: bool = False) -> list[str]:
        if allow_cache:
            return sorted(self._refresh())
        return sorted(self._store.load())

    def _audit_projects(self) -> list[str]:
        return sorted(self._refresh())

    def export(self) -> dict:
        with self._lock:
            projects = self.list_projects(allow_cache=False)
            return {"projects": projects}

    def audit(self) -> dict:
        with self._lock:
            projects = self._audit_projects()  # expect: deadlock
            return {"projects": projects}
