"""Per-clinic asyncio locks shared by the board and check-in code paths."""
from __future__ import annotations

import asyncio
from collections import defaultdict

_board_locks: defaultdict[int, asyncio.Lock] = defaultdict(asyncio.Lock)
_queue_locks: defaultdict[int, asyncio.Lock] = defaultdict(asyncio.Lock)
_vet_locks: defaultdict[int, asyncio.Lock] = defaultdict(asyncio.Lock)


def board_lock(clinic_id: int) -> asyncio.Lock:
    return _board_locks[clinic_id]


def queue_lock(clinic_id: int) -> asyncio.Lock:
    return _queue_locks[clinic_id]


def vet_lock(vet_id: int) -> asyncio.Lock:
    return _vet_locks[vet_id]
