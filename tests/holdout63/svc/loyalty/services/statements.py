"""Monthly points statements (CSV) for members."""
from __future__ import annotations

import asyncio
import contextlib
import copy
import csv
import gzip
import io
import logging
import os
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession

from loyalty.config import Settings
from loyalty.repositories.ledger_repo import LedgerRepository
from loyalty.repositories.rewards_repo import RewardsRepository
from loyalty.utils.timeutil import month_bounds

log = logging.getLogger(__name__)

STATEMENT_HEADER = ("date", "description", "points", "balance_after")


def rows_to_csv_bytes(rows: Iterable[Sequence[object]], header: Sequence[str] = STATEMENT_HEADER) -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(header)
    writer.writerows(rows)
    return buffer.getvalue().encode("utf-8")


def write_statement_file(directory: str, name: str, payload: bytes) -> str:
    os.makedirs(directory, exist_ok=True)
    path = os.path.join(directory, name)
    tmp_path = f"{path}.tmp"
    try:
        with gzip.open(tmp_path, "wb", compresslevel=9) as fh:
            fh.write(payload)
        os.replace(tmp_path, path)
    except:
        with contextlib.suppress(OSError):
            os.unlink(tmp_path)
        raise
    return path


def read_statement_file(path: str) -> bytes:
    with open(path, "rb") as fh:
        return fh.read()


KIND_LABELS = {
    "earn": "Purchase",
    "redeem": "Reward",
    "campaign": "Campaign bonus",
    "refund": "Refund",
    "expire": "Expired points",
    "transfer_in": "Transfer received",
    "transfer_out": "Transfer sent",
}


@dataclass(slots=True)
class StatementFile:
    member_id: int
    period: str
    path: str


class StatementService:
    def __init__(self, settings: Settings) -> None:
        self._dir = settings.statement_dir

    async def _rows(self, session: AsyncSession, member_id: int, year: int, month: int) -> list[list[Any]]:
        start, end = month_bounds(year, month)
        entries = await LedgerRepository(session).for_member_between(member_id, start, end)
        rewards = RewardsRepository(session)
        rows: list[list[Any]] = []
        running = 0
        for entry in copy.deepcopy(entries):
            label = KIND_LABELS.get(entry.kind, entry.kind)
            if entry.reward_id is not None:
                reward = await rewards.get_reward(entry.reward_id)
                label = f"{label}: {reward.title}" if reward else label
            running += entry.delta
            rows.append([entry.created_at.date().isoformat(), label, entry.delta, running])
        return rows

    async def rows_batched(self, session: AsyncSession, member_id: int, year: int, month: int) -> list[list[Any]]:
        start, end = month_bounds(year, month)
        entries = await LedgerRepository(session).for_member_between(member_id, start, end)
        rewards = await RewardsRepository(session).rewards_by_ids(e.reward_id for e in entries if e.reward_id)
        rows: list[list[Any]] = []
        running = 0
        for entry in entries:
            label = KIND_LABELS.get(entry.kind, entry.kind)
            reward = rewards.get(entry.reward_id) if entry.reward_id else None
            if reward is not None:
                label = f"{label}: {reward.title}"
            running += entry.delta
            rows.append([entry.created_at.date().isoformat(), label, entry.delta, running])
        return rows

    async def export(self, session: AsyncSession, member_id: int, year: int, month: int) -> StatementFile:
        rows = await self._rows(session, member_id, year, month)
        payload = rows_to_csv_bytes(rows)
        name = f"{member_id}-{year:04d}{month:02d}.csv.gz"
        path = write_statement_file(self._dir, name, payload)
        log.info("statement %s written for member %s", name, member_id)
        return StatementFile(member_id=member_id, period=f"{year:04d}-{month:02d}", path=path)

    async def export_offloaded(self, session: AsyncSession, member_id: int, year: int, month: int) -> StatementFile:
        rows = await self.rows_batched(session, member_id, year, month)
        payload = rows_to_csv_bytes(rows)
        name = f"{member_id}-{year:04d}{month:02d}.csv.gz"
        path = await asyncio.to_thread(write_statement_file, self._dir, name, payload)
        return StatementFile(member_id=member_id, period=f"{year:04d}-{month:02d}", path=path)

    async def load(self, member_id: int, year: int, month: int) -> bytes | None:
        path = os.path.join(self._dir, f"{member_id}-{year:04d}{month:02d}.csv.gz")
        if not await asyncio.to_thread(os.path.exists, path):
            return None
        return await asyncio.to_thread(read_statement_file, path)
