from __future__ import annotations

from fastapi import APIRouter

from zonekeep.api.deps import AccountDep, ContainerDep, SessionDep
from zonekeep.services.zones import ZoneService

router = APIRouter(prefix="/v1/zones/{zone_id}/dnssec", tags=["dnssec"])


@router.post("/zsk/roll")
async def roll_zsk(zone_id: int, account: AccountDep, session: SessionDep, container: ContainerDep) -> dict:
    zone = await ZoneService(session).get_owned(account.id, zone_id)
    key = await container.dnssec.roll_zsk(session, zone)
    serial = await ZoneService(session).bump_serial(zone.id)
    await container.push.schedule(zone.id, serial)
    return {"key_tag": key.key_tag, "serial": serial}


@router.post("/ksk/roll-legacy")
async def roll_ksk(zone_id: int, account: AccountDep, session: SessionDep, container: ContainerDep) -> dict:
    zone = await ZoneService(session).get_owned(account.id, zone_id)
    key = await container.dnssec.roll_ksk_legacy(session, zone)
    return {"key_tag": key.key_tag, "algorithm": key.algorithm}


@router.post("/ds/publish")
async def publish_ds(zone_id: int, account: AccountDep, session: SessionDep, container: ContainerDep) -> dict:
    zone = await ZoneService(session).get_owned(account.id, zone_id)
    ds = await container.dnssec.publish_ds(session, zone)
    return {"ds": ds}


@router.post("/sign")
async def sign(zone_id: int, key_tag: int, payload_hex: str, account: AccountDep, session: SessionDep,
               container: ContainerDep) -> dict:
    zone = await ZoneService(session).get_owned(account.id, zone_id)
    signature = await container.dnssec.sign_digest(zone, key_tag, bytes.fromhex(payload_hex))
    return {"signature": signature.hex()}
