from __future__ import annotations

import copy
from typing import Any, Optional

import asyncpg
from fastapi import Depends, FastAPI, Query

from fleet.service import MonitorService

app = FastAPI()


async def get_service() -> MonitorService:
    return MonitorService(await asyncpg.create_pool("postgresql://db/fleet"))


@app.get("/monitors")
async def list_monitors(
    org_id: int, status: Optional[str] = Query(default=None), service: MonitorService = Depends(get_service)
) -> list[dict[str, Any]]:
    monitors = copy.deepcopy(await service.list_for_org(org_id))  # expect: unnecessary-copy
    if status:
        monitors = [m for m in monitors if m.get("status") == status]
    return sorted(monitors, key=lambda m: m["name"].lower())


@app.get("/monitors/labelled")
async def labelled_monitors(org_id: int, service: MonitorService = Depends(get_service)) -> list[dict[str, Any]]:
    monitors = copy.deepcopy(await service.list_for_org(org_id))
    for m in monitors:
        m["label"] = m["name"].upper()  # changes the items: a copy is what keeps them apart
    return monitors


async def monitors_for(service: MonitorService, org_id: int) -> list[dict[str, Any]]:
    monitors = copy.deepcopy(await service.list_for_org(org_id))  # not a route: the caller may change it
    return sorted(monitors, key=lambda m: m["name"])
