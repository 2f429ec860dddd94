import logging

from fastapi import APIRouter, Response
from fastapi.responses import JSONResponse

from shop import db

log = logging.getLogger(__name__)
router = APIRouter()


@router.get("/livez")
async def livez() -> dict[str, str]:
    return {"status": "ok"}


@router.get("/readyz")
async def readyz() -> dict[str, str]:
    try:
        await db.ping()
    except Exception:
        log.warning("readiness check failed", exc_info=True)
        return {"status": "degraded"}
    return {"status": "ok"}  # expect: health-check-gap


@router.get("/health/ready")
async def ready_with_status():
    try:
        await db.ping()
    except Exception:
        log.warning("readiness check failed", exc_info=True)
        return JSONResponse({"status": "degraded"}, status_code=503)
    return {"status": "ok"}


@router.get("/health")
async def health(response: Response) -> dict[str, str]:
    try:
        await db.ping()
    except Exception:
        log.warning("health check failed", exc_info=True)
        response.status_code = 503
        return {"status": "degraded"}
    return {"status": "ok"}
