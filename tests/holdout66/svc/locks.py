"""Process-wide asyncio locks shared by the payout code paths."""
from __future__ import annotations

import asyncio
from collections import defaultdict

ledger_lock = asyncio.Lock()
_creator_locks: defaultdict[int, asyncio.Lock] = defaultdict(asyncio.Lock)


def creator_lock(creator_id: int) -> asyncio.Lock:
    return _creator_locks[creator_id]
