import logging

from fastapi import APIRouter, Depends, HTTPException
from pydantic import BaseModel, field_validator
from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncSession

from mailroom.db.engine import get_session
from mailroom.db.models import Tenant
from mailroom.deps import require_tenant
from mailroom.repositories.tenants import DomainRepository
from mailroom.services import domain_verify

router = APIRouter(prefix="/v1/domains", tags=["domains"])
log = logging.getLogger(__name__)


class DomainIn(BaseModel):
    domain: str
    selector: str = "mr1"

    @field_validator("domain")
    @classmethod
    def _looks_like_domain(cls, v: str) -> str:
        v = v.strip().lower().rstrip(".")
        if "." not in v or len(v) > 253 or " " in v:
            raise ValueError("not a domain name")
        return v


def _out(row) -> dict:
    name, value = domain_verify.dns_record(row.dkim_selector, row.domain, row.dkim_public_key)
    return {
        "id": row.id,
        "domain": row.domain,
        "verified": row.verified,
        "dns": [{"type": "TXT", "name": name, "value": value}],
    }


@router.get("")
async def list_domains(tenant: Tenant = Depends(require_tenant), session: AsyncSession = Depends(get_session)):
    return [_out(r) for r in await DomainRepository(session).list(tenant.id)]


@router.post("", status_code=201)
async def add_domain(body: DomainIn, tenant: Tenant = Depends(require_tenant), session: AsyncSession = Depends(get_session)):
    private_pem, public_b64 = await domain_verify.generate_keypair()
    try:
        row = await DomainRepository(session).create(tenant.id, body.domain, body.selector, private_pem, public_b64)
        await session.commit()
    except IntegrityError as exc:
        await session.rollback()
        raise HTTPException(409, f"{body.domain} is already registered") from exc
    return _out(row)


@router.post("/{domain_id}/verify")
async def verify_domain(domain_id: int, tenant: Tenant = Depends(require_tenant), session: AsyncSession = Depends(get_session)):
    repo = DomainRepository(session)
    row = await repo.get(tenant.id, domain_id)
    if row is None:
        raise HTTPException(404, "unknown domain")
    result = await domain_verify.verify(row)
    if result.ok and not row.verified:
        await repo.mark_verified(row)
        await session.commit()
        log.info("domain %s verified for tenant %s", row.domain, tenant.id)
    return {"verified": result.ok, "dkim": result.dkim, "spf": result.spf, "mx": result.mx_reachable, "problems": result.problems}
