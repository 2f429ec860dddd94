from __future__ import annotations

import asyncio
import os
import shutil
import tempfile

from fastapi import APIRouter, Depends, HTTPException, Query, UploadFile
from pydantic import BaseModel, EmailStr
from sqlalchemy.ext.asyncio import AsyncSession

from mailroom.db.engine import get_session
from mailroom.db.models import MailingList, Tenant
from mailroom.deps import require_tenant
from mailroom.repositories.subscribers import SubscriberRepository
from mailroom.services import imports, subscriptions

router = APIRouter(prefix="/v1", tags=["subscribers"])


class SubscriberIn(BaseModel):
    email: EmailStr
    first_name: str | None = None
    last_name: str | None = None
    attributes: dict[str, str | int | float | bool] = {}


def _public(sub) -> dict:
    return {
        "id": sub.id,
        "email": sub.email,
        "first_name": sub.first_name,
        "last_name": sub.last_name,
        "status": sub.status.value,
        "attributes": sub.attributes,
    }


async def _list_or_404(session: AsyncSession, tenant: Tenant, list_id: int) -> MailingList:
    ml = await session.get(MailingList, list_id)
    if ml is None or ml.tenant_id != tenant.id:
        raise HTTPException(404, "list not found")
    return ml


@router.post("/lists/{list_id}/subscribers", status_code=201)
async def add_subscriber(
    list_id: int,
    body: SubscriberIn,
    tenant: Tenant = Depends(require_tenant),
    session: AsyncSession = Depends(get_session),
):
    await _list_or_404(session, tenant, list_id)
    try:
        sub = await subscriptions.subscribe(
            session, tenant.id, list_id, body.email, body.first_name, body.last_name, body.attributes
        )
    except subscriptions.AlreadySubscribed:
        raise HTTPException(409, "already subscribed")
    except subscriptions.SuppressedAddress:
        raise HTTPException(422, "address is on the suppression list")
    return _public(sub)


@router.get("/subscribers/search")
async def search(
    q: str = Query(min_length=3, max_length=100),
    tenant: Tenant = Depends(require_tenant),
    session: AsyncSession = Depends(get_session),
):
    rows = await SubscriberRepository(session).search(tenant.id, q)
    return [_public(s) for s in rows]


@router.get("/lists/{list_id}/subscribers")
async def by_prefix(
    list_id: int,
    prefix: str = Query(default="", max_length=100),
    tenant: Tenant = Depends(require_tenant),
    session: AsyncSession = Depends(get_session),
):
    await _list_or_404(session, tenant, list_id)
    return [_public(s) for s in await SubscriberRepository(session).by_prefix(list_id, prefix.lower())]


@router.post("/lists/{list_id}/import", status_code=202)
async def import_subscribers(
    list_id: int,
    file: UploadFile,
    tenant: Tenant = Depends(require_tenant),
    session: AsyncSession = Depends(get_session),
):
    await _list_or_404(session, tenant, list_id)
    fd, path = tempfile.mkstemp(prefix="import-", suffix=".csv")
    try:
        with os.fdopen(fd, "wb") as out:
            await asyncio.to_thread(shutil.copyfileobj, file.file, out)
        report = await imports.import_csv(session, tenant.id, list_id, path)
    except ValueError as exc:
        raise HTTPException(400, str(exc)) from exc
    finally:
        os.unlink(path)
    return {"rows": report.rows, "imported": report.imported, "duplicates": report.duplicates, "invalid_lines": report.invalid[:100]}
