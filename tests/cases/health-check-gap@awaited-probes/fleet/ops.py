import logging

from fastapi import APIRouter
from fastapi.responses import JSONResponse

from fleet import store

log = logging.getLogger(__name__)
router = APIRouter()


@router.get("/ready")
async def ready() -> dict:
    results: dict[str, str] = {}
    pending = {"db": store.db_alive(), "cache": store.cache_alive()}
    for name, probe in pending.items():
        try:
            results[name] = await probe
        except Exception as exc:
            log.warning("probe %s failed: %r", name, exc)
            results[name] = "down"
    return {"status": "ok", "checks": results}  # expect: health-check-gap


@router.get("/health/ready")
async def ready_with_status():
    results: dict[str, str] = {}
    for name, probe in (("db", store.db_alive()), ("cache", store.cache_alive())):
        try:
            results[name] = await probe
        except Exception as exc:
            log.warning("probe %s failed: %r", name, exc)
            results[name] = "down"
    healthy = all(v == "up" for v in results.values())
    return JSONResponse({"checks": results}, status_code=200 if healthy else 503)
