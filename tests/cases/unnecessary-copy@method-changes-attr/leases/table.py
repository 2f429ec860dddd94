"""An in-process table of leases with expiry."""
from __future__ import annotations

import time


class LeaseTable:
    def __init__(self) -> None:
        self._leases: dict[str, float] = {}
        self._holders: dict[str, str] = {}
        self._expired = 0

    def grant(self, key: str, holder: str, ttl: float) -> None:
        self._leases[key] = time.monotonic() + ttl
        self._holders[key] = holder

    def _drop(self, key: str) -> None:
        self._leases.pop(key, None)
        self._holders.pop(key, None)
        self._expired += 1

    def _expire(self, key: str) -> None:
        self._drop(key)

    def _note(self, key: str) -> None:
        self._expired += 1

    def sweep(self, now: float) -> int:
        """Drops expired leases: `_expire` removes from `_leases`, so the loop needs its own copy."""
        swept = 0
        for key, until in tuple(self._leases.items()):
            if until <= now:
                self._expire(key)
                swept += 1
        return swept

    def count_stale(self, now: float) -> int:
        """Only notes them: nothing removes from `_leases`."""
        stale = 0
        for key, until in list(self._leases.items()):  # expect: unnecessary-copy
            if until <= now:
                self._note(key)
                stale += 1
        return stale

    def sweep_through_local(self, now: float) -> int:
        """The same sweep over a local bound to the attribute: `_expire` still removes from it."""
        leases = self._leases
        swept = 0
        for key, until in list(leases.items()):
            if until <= now:
                self._expire(key)
                swept += 1
        return swept

    def count_stale_through_local(self, now: float) -> int:
        """A local bound to the attribute, and nothing removes from it: the copy is still not needed."""
        leases = self._leases
        stale = 0
        for key, until in list(leases.items()):  # expect: unnecessary-copy
            if until <= now:
                self._note(key)
                stale += 1
        return stale
