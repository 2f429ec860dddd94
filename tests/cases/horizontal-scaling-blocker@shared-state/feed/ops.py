"""Operator switches and per-process statistics."""
from typing import Any

from fastapi import APIRouter

router = APIRouter()

_maintenance: dict[str, Any] = {"enabled": False, "reason": None}  # expect: horizontal-scaling-blocker
_stats: dict[str, int] = {"requests": 0}
_region_names: dict[str, str] = {}


def maintenance_state() -> dict[str, Any]:
    return dict(_maintenance)


def count_request() -> None:
    _stats["requests"] += 1


def region_name(code: str) -> str:
    if code not in _region_names:
        _region_names[code] = code.upper()
    return _region_names.get(code, code)


@router.post("/ops/maintenance")
async def set_maintenance(enabled: bool, reason: str | None = None) -> dict[str, Any]:
    _maintenance.update(enabled=enabled, reason=reason)
    return maintenance_state()


@router.get("/ops/stats")
async def stats() -> dict[str, int]:
    return dict(_stats)


@router.get("/regions/{code}")
async def region(code: str) -> dict[str, str]:
    return {"name": region_name(code)}
