"""Month-end close, started by an admin request."""
import uuid

from fastapi import HTTPException

_closing_run: str | None = None  # expect: global-mutable-state


async def close_month(month: str) -> str:
    global _closing_run
    if _closing_run is not None:
        raise HTTPException(409, f"close {_closing_run} already running")
    run = str(uuid.uuid4())
    _closing_run = run
    try:
        await post_journals(month)
    finally:
        _closing_run = None
    return run


async def post_journals(month: str) -> None:
    return None
