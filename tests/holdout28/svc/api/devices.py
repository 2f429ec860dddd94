"""Device lookup, fleet summaries and device commands."""
from __future__ import annotations

import json
from typing import Any

from fastapi import APIRouter, Depends, HTTPException, Query, Request, status
from pydantic import BaseModel

from svc.cache import RedisRateLimiter
from svc.db.campaigns_repo import CampaignRepository
from svc.db.devices_repo import DeviceRecord, DeviceRepository
from svc.deps import (
    current_dispatcher,
    get_campaign_repo,
    get_command_limiter,
    get_device_repo,
    get_report_service,
)
from svc.services.auth import Dispatcher
from svc.services.reports import ReportService

router = APIRouter(tags=["devices"])


class CommandIn(BaseModel):
    command: str
    args: dict[str, Any] = {}


def _check_fleet(dispatcher: Dispatcher, fleet_id: int) -> None:
    if fleet_id not in dispatcher.fleet_ids:
        raise HTTPException(status.HTTP_403_FORBIDDEN, detail="fleet not accessible")


@router.get("/devices/search")
async def search_devices(
    q: str = Query(min_length=3, max_length=64),
    repo: DeviceRepository = Depends(get_device_repo),
    dispatcher: Dispatcher = Depends(current_dispatcher),
) -> list[DeviceRecord]:
    devices = await repo.search(q)
    return [d for d in devices if d.fleet_id in dispatcher.fleet_ids]


@router.get("/devices/by-serial/{serial}")
async def device_by_serial(serial: str, repo: DeviceRepository = Depends(get_device_repo)) -> DeviceRecord:
    device = await repo.get_device_by_serial(serial)
    if device is None:
        raise HTTPException(status.HTTP_404_NOT_FOUND, detail="unknown serial")
    return device


@router.get("/devices/by-vin/{vin}")
async def device_by_vin(vin: str, repo: DeviceRepository = Depends(get_device_repo)) -> DeviceRecord:
    device = await repo.get_by_vin(vin)
    if device is None:
        raise HTTPException(status.HTTP_404_NOT_FOUND, detail="unknown VIN")
    return device


@router.get("/devices/{device_id}")
async def get_device(device_id: int, repo: DeviceRepository = Depends(get_device_repo)) -> DeviceRecord:
    return await repo.require(device_id)


@router.get("/devices/{device_id}/campaigns")
async def device_campaigns(
    device_id: int, campaigns: CampaignRepository = Depends(get_campaign_repo)
) -> list[dict[str, Any]]:
    return [dict(r) for r in await campaigns.targets_for_device(device_id)]


@router.get("/fleets/{fleet_id}/summary")
async def fleet_summary(
    fleet_id: int,
    reports: ReportService = Depends(get_report_service),
    dispatcher: Dispatcher = Depends(current_dispatcher),
) -> list[dict[str, Any]]:
    _check_fleet(dispatcher, fleet_id)
    return await reports.fleet_summary(fleet_id)


@router.get("/fleets/{fleet_id}/positions")
async def fleet_positions(
    fleet_id: int,
    reports: ReportService = Depends(get_report_service),
    dispatcher: Dispatcher = Depends(current_dispatcher),
) -> list[dict[str, Any]]:
    _check_fleet(dispatcher, fleet_id)
    return await reports.fleet_positions(fleet_id)


@router.post("/devices/{device_id}/commands", status_code=status.HTTP_202_ACCEPTED)
async def send_command(
    device_id: int,
    body: CommandIn,
    request: Request,
    repo: DeviceRepository = Depends(get_device_repo),
    limiter: RedisRateLimiter = Depends(get_command_limiter),
    dispatcher: Dispatcher = Depends(current_dispatcher),
) -> dict[str, str]:
    device = await repo.require(device_id)
    _check_fleet(dispatcher, device.fleet_id)
    if not await limiter.allow(f"cmd:{device_id}"):
        raise HTTPException(status.HTTP_429_TOO_MANY_REQUESTS, detail="too many commands")
    if body.command == "config":
        revision = await request.app.state.ota.push_config(device_id, body.args)
        return {"status": "queued", "revision": revision}
    entry_id = await request.app.state.cache_redis.xadd(
        f"commands:{device_id}",
        {"command": body.command, "args": json.dumps(body.args), "by": dispatcher.user_id},
        maxlen=1000,
        approximate=True,
    )
    return {"status": "queued", "entry": entry_id}
