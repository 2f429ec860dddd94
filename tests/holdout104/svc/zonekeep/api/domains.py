from __future__ import annotations

import json

from fastapi import APIRouter, Query
from fastapi.responses import JSONResponse
from pydantic import BaseModel, Field

from zonekeep.api.deps import AccountDep, ContainerDep, SessionDep, audit_fields
from zonekeep.core.errors import NotFound
from zonekeep.core.logging import get_logger
from zonekeep.repositories.domains import DomainRepository
from zonekeep.repositories.zones import ZoneRepository
from zonekeep.services.pricing import PricingService
from zonekeep.services.registration import RegistrationService

log = get_logger("api.domains")
router = APIRouter(prefix="/v1/domains", tags=["domains"])

PAGE_SIZE = 50


class RegisterDomainIn(BaseModel):
    name: str
    years: int = Field(default=1, ge=1, le=10)


def _domain_out(d, zone=None) -> dict:
    return {
        "id": d.id,
        "name": d.name,
        "status": d.status,
        "expires_at": d.expires_at.isoformat(),
        "auto_renew": d.auto_renew,
        "zone_id": zone.id if zone else None,
        "serial": zone.serial if zone else None,
    }


@router.get("/search")
async def search(label: str, account: AccountDep, container: ContainerDep) -> list[dict]:
    return await container.search.search(account.id, label)


@router.get("")
async def list_domains(account: AccountDep, session: SessionDep, container: ContainerDep,
                       page: int = Query(0, ge=0)) -> list[dict]:
    cache_key = f"domains:list:{page}"
    cached = await container.redis.get(cache_key)
    if cached:
        return json.loads(cached)
    domains = await DomainRepository(session).list_for_account(account.id, PAGE_SIZE, page * PAGE_SIZE)
    zones = ZoneRepository(session)
    out = []
    for d in domains:
        zone = await zones.get_by_domain(d.id)
        out.append(_domain_out(d, zone))
    await container.redis.set(cache_key, json.dumps(out), ex=30)
    return out


@router.get("/with-zones")
async def list_with_zones(account: AccountDep, session: SessionDep, container: ContainerDep) -> list[dict]:
    cache_key = f"domains:with-zones:{account.id}"
    cached = await container.redis.get(cache_key)
    if cached:
        return json.loads(cached)
    domains = await DomainRepository(session).list_with_zones(account.id)
    out = [_domain_out(d, d.zone) for d in domains]
    await container.redis.set(cache_key, json.dumps(out), ex=30)
    return out


@router.get("/{name}")
async def get_domain(name: str, account: AccountDep, session: SessionDep):
    domain = await DomainRepository(session).get_by_name(name.lower())
    if domain is None or domain.account_id != account.id:
        return JSONResponse({"error": "domain not found"}, status_code=200)
    zone = await ZoneRepository(session).get_by_domain(domain.id)
    return _domain_out(domain, zone)


@router.post("", status_code=201)
async def register_domain(body: RegisterDomainIn, account: AccountDep, session: SessionDep,
                          container: ContainerDep) -> dict:
    pricing = PricingService(session, container.registry)
    domain = await RegistrationService(session, container.epp, pricing).register(account.id, body.name, body.years)
    log.info("domain registered %s", domain.name, extra=audit_fields())
    await container.redis.delete(f"domains:with-zones:{account.id}")
    return _domain_out(domain)


@router.patch("/{name}/auto-renew")
async def set_auto_renew(name: str, enabled: bool, account: AccountDep, session: SessionDep) -> dict:
    domain = await DomainRepository(session).get_by_name(name.lower())
    if domain is None or domain.account_id != account.id:
        raise NotFound("domain not found")
    domain.auto_renew = enabled
    await session.commit()
    return {"name": domain.name, "auto_renew": enabled}
