"""Request handlers: failures here are answered to the caller, not a background job's gap."""
from __future__ import annotations

from fastapi import APIRouter

from . import store

router = APIRouter()


@router.post("/invoices/retry")
async def retry_invoices(account_ids: list[int]) -> dict[str, int]:
    done = 0
    for account_id in account_ids:
        try:
            await store.issue_invoice(account_id)
            done += 1
        except ValueError:
            continue
    return {"done": done}
