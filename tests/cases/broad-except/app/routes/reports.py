"""Report endpoints."""
from __future__ import annotations

import logging

from fastapi import APIRouter, Request

from app.services.reports import build_report

logger = logging.getLogger(__name__)
router = APIRouter()


@router.get("/reports/{report_id}")
async def get_report(report_id: int, request: Request) -> dict:
    try:
        return await build_report(request.app.state.client, report_id)
    except Exception as e:  # expect: broad-except
        logger.error("report %s failed: %s", report_id, e)
        return {"error": "unavailable"}


@router.get("/reports/{report_id}/summary")
async def get_summary(report_id: int, request: Request) -> dict:
    try:
        report = await build_report(request.app.state.client, report_id)
    except Exception:
        logger.error("summary %s failed", report_id, exc_info=True)
        return {"error": "unavailable"}
    return {"rows": len(report["rows"])}


@router.get("/reports/{report_id}/raw")
async def get_raw(report_id: int, request: Request) -> dict:
    try:
        return await build_report(request.app.state.client, report_id)
    except Exception:
        logger.warning("raw report %s failed", report_id)
        raise


@router.get("/ready")
async def readiness(request: Request) -> dict:
    try:
        await request.app.state.client.ping()
    except Exception as exc:
        logger.warning("readiness probe failed: %r", exc)
        return {"ready": False}
    return {"ready": True}
