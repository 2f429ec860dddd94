"""A dependency probe routed under the router's `/health` prefix: turning failures into a status is its job."""
import asyncio
import logging

from fastapi import APIRouter
from fastapi.responses import JSONResponse

logger = logging.getLogger(__name__)
router = APIRouter(prefix="/health", tags=["health"])


@router.get("/dependencies")
async def dependencies(db, cache) -> JSONResponse:
    results: dict[str, str] = {}
    for name, probe in (("db", db.ping), ("cache", cache.ping)):
        try:
            await asyncio.wait_for(probe(), timeout=3)
            results[name] = "ok"
        except Exception as exc:
            logger.warning("dependency %s failed: %s", name, exc)
            results[name] = "failing"
    healthy = all(value == "ok" for value in results.values())
    return JSONResponse(results, status_code=200 if healthy else 503)
