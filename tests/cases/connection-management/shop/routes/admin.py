"""Admin endpoints that run the maintenance jobs."""
from fastapi import APIRouter, BackgroundTasks, Request

from shop import jobs
from shop.sessions import close_request_session, open_request_session

router = APIRouter(prefix="/admin")


@router.post("/purge")
async def purge() -> dict:
    removed = await jobs.purge_stale() + await jobs.purge_safely()
    await jobs.purge_with_block()
    await jobs.purge_entered()
    await jobs.purge_in_transaction()
    await jobs.purge_rolling_back()
    await jobs.vacuum_later()
    return {"removed": removed, "stale": await jobs.stale_count(), "one": await jobs.scoped_factory()}


@router.get("/totals")
def totals() -> list:
    return jobs.monthly_totals()


@router.post("/archive/{month}")
def archive(month: str) -> dict:
    jobs.archive_month(month)
    jobs.archive_safely(month)
    return {"ok": True}


@router.get("/ping")
async def ping(request: Request) -> dict:
    await open_request_session(request)
    try:
        return {"ok": True}
    finally:
        await close_request_session(request)


@router.post("/report")
async def report(tasks: BackgroundTasks) -> dict:
    await jobs.report_later(tasks)
    return {"queued": True}
