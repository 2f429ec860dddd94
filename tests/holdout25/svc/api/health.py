"""Health endpoint polled by the load balancer before routing traffic here."""
from __future__ import annotations

from typing import Any

from fastapi import APIRouter

router = APIRouter(tags=["ops"])


@router.get("/health")
async def health() -> dict[str, Any]:
    return {"status": "ok", "service": "permits-portal"}
