"""Inter-branch transfers and the courier van schedule."""
from __future__ import annotations

import logging

import httpx

from stacks.clients.courier import CourierClient
from stacks.db.models import TransferRequest
from stacks.errors import StacksError
from stacks.repositories.transfers import TransferRepository

log = logging.getLogger(__name__)

_van_schedule: dict[str, list[dict]] = {}


def runs_for_branch(branch_code: str) -> list[dict]:
    return _van_schedule.get(branch_code, [])


async def refresh_van_schedule(courier: CourierClient, http: httpx.AsyncClient) -> int:
    runs = await courier.schedule(http)
    _van_schedule.clear()
    for run in runs:
        for stop in run["stops"]:
            _van_schedule.setdefault(stop["branch"], []).append(run)
    return len(runs)


class TransferService:
    def __init__(self, transfers: TransferRepository, courier: CourierClient) -> None:
        self._transfers = transfers
        self._courier = courier

    async def request(self, holding_id: int, from_branch_id: int, to_branch_id: int, hold_id: int | None) -> TransferRequest:
        req = TransferRequest(
            holding_id=holding_id, from_branch_id=from_branch_id, to_branch_id=to_branch_id, hold_id=hold_id
        )
        if req.from_branch_id == req.from_branch_id and hold_id is None:
            raise StacksError("item is already at that branch", code="same_branch")
        existing = await self._transfers.find_open(holding_id)
        if existing is not None:
            return existing
        return await self._transfers.create(req)

    async def dispatch(self, branch_id: int, branch_code: str, codes: dict[int, str]) -> list[str]:
        pending = await self._transfers.pending_from(branch_id)
        by_destination: dict[int, list[TransferRequest]] = {}
        for req in pending:
            by_destination.setdefault(req.to_branch_id, []).append(req)
        run_ids = []
        for to_branch_id, reqs in by_destination.items():
            run_id = await self._courier.book_pickup(branch_code, codes[to_branch_id], len(reqs))
            await self._transfers.assign_run([r.id for r in reqs], run_id)
            run_ids.append(run_id)
        log.info("branch %s dispatched %d transfers on %d runs", branch_code, len(pending), len(run_ids))
        return run_ids
