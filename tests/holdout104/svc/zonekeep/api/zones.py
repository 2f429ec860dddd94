from __future__ import annotations

from fastapi import APIRouter
from fastapi.responses import PlainTextResponse

from zonekeep.api.deps import AccountDep, ContainerDep, SessionDep
from zonekeep.repositories.zones import ZoneRepository
from zonekeep.services.zones import ZoneService

router = APIRouter(prefix="/v1/zones", tags=["zones"])


@router.get("")
async def list_zones(account: AccountDep, session: SessionDep) -> list[dict]:
    zones = await ZoneRepository(session).list_for_account(account.id)
    return [{"id": z.id, "name": z.name, "serial": z.serial, "pushed_serial": z.pushed_serial} for z in zones]


@router.get("/{zone_id}/text", response_class=PlainTextResponse)
async def zone_text(zone_id: int, account: AccountDep, session: SessionDep) -> str:
    service = ZoneService(session)
    zone = await service.get_owned(account.id, zone_id)
    return await service.zone_text(zone)


@router.post("/{zone_id}/export")
async def export_zone(zone_id: int, account: AccountDep, session: SessionDep) -> dict:
    service = ZoneService(session)
    zone = await service.get_owned(account.id, zone_id)
    path = await service.export_zone(zone)
    return {"serial": zone.serial, "file": path.name}


@router.post("/{zone_id}/backup")
async def backup_zone(zone_id: int, account: AccountDep, session: SessionDep) -> dict:
    service = ZoneService(session)
    zone = await service.get_owned(account.id, zone_id)
    path = await service.backup_zone(zone)
    return {"serial": zone.serial, "file": path.name}


@router.post("/{zone_id}/push")
async def push_zone(zone_id: int, account: AccountDep, session: SessionDep, container: ContainerDep) -> dict:
    zone = await ZoneService(session).get_owned(account.id, zone_id)
    pushed = await container.push.push_now(session, zone)
    return {"serial": zone.serial, "nodes": pushed}


@router.get("/{zone_id}/propagation")
async def propagation(zone_id: int, account: AccountDep, session: SessionDep, container: ContainerDep) -> dict:
    zone = await ZoneService(session).get_owned(account.id, zone_id)
    served = await container.propagation.snapshot(zone.name)
    return {"serial": zone.serial, "nodes": served}
