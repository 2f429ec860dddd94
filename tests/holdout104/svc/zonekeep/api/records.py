from __future__ import annotations

from fastapi import APIRouter
from pydantic import BaseModel, Field

from zonekeep.api.deps import AccountDep, ContainerDep, SessionDep
from zonekeep.models import Record
from zonekeep.services.records import RecordInput, RecordService
from zonekeep.services.zones import ZoneService

router = APIRouter(prefix="/v1/zones/{zone_id}/records", tags=["records"])


class RecordIn(BaseModel):
    name: str = Field(max_length=253)
    rtype: str
    content: str = Field(max_length=4096)
    ttl: int = 3600
    priority: int | None = None


class ChangeSetIn(BaseModel):
    add: list[RecordIn] = []
    remove: list[int] = []


def _out(r: Record) -> dict:
    return {"id": r.id, "name": r.name, "type": r.rtype, "ttl": r.ttl, "content": r.content, "priority": r.priority}


@router.post("", status_code=201)
async def create_record(zone_id: int, body: RecordIn, account: AccountDep, session: SessionDep,
                        container: ContainerDep) -> dict:
    zone = await ZoneService(session).get_owned(account.id, zone_id)
    service = RecordService(session, container.settings, container.push)
    record = await service.create_record(zone, RecordInput(**body.model_dump()))
    return _out(record)


@router.patch("/{record_id}/ttl")
async def update_ttl(zone_id: int, record_id: int, ttl: int, account: AccountDep, session: SessionDep,
                     container: ContainerDep) -> dict:
    zone = await ZoneService(session).get_owned(account.id, zone_id)
    record = await RecordService(session, container.settings, container.push).update_ttl(zone, record_id, ttl)
    return _out(record)


@router.post("/changes")
async def apply_changes(zone_id: int, body: ChangeSetIn, account: AccountDep, session: SessionDep,
                        container: ContainerDep) -> dict:
    zones = ZoneService(session)
    zone = await zones.get_owned(account.id, zone_id)
    add = [Record(zone_id=zone.id, **r.model_dump()) for r in body.add]
    serial = await zones.apply_changes(zone, add, body.remove)
    await container.push.schedule(zone.id, serial)
    return {"serial": serial}


@router.post("/import")
async def import_records(zone_id: int, body: list[RecordIn], account: AccountDep, session: SessionDep,
                         container: ContainerDep) -> dict:
    zone = await ZoneService(session).get_owned(account.id, zone_id)
    added = await RecordService(session, container.settings, container.push).import_records(
        zone, [RecordInput(**r.model_dump()) for r in body]
    )
    return {"added": added, "serial": zone.serial}


@router.get("/by-owner")
async def by_owner(zone_id: int, owners: str, account: AccountDep, session: SessionDep,
                   container: ContainerDep) -> dict:
    zone = await ZoneService(session).get_owned(account.id, zone_id)
    names = [o.strip() for o in owners.split(",") if o.strip()][:500]
    return await RecordService(session, container.settings, container.push).export_by_owner(zone, names)
