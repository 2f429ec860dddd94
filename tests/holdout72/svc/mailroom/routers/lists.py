from fastapi import APIRouter, Depends, HTTPException, Response
from pydantic import BaseModel
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from mailroom.db.engine import get_session
from mailroom.db.models import MailingList, Segment, Tenant
from mailroom.deps import require_tenant
from mailroom.repositories.subscribers import SubscriberRepository
from mailroom.services.exports import export_list
from mailroom.services.segmentation import SegmentEvaluator

router = APIRouter(prefix="/v1/lists", tags=["lists"])
segments_router = APIRouter(prefix="/v1/segments", tags=["segments"])


class ListIn(BaseModel):
    name: str
    double_opt_in: bool = True


async def _owned(session: AsyncSession, tenant: Tenant, list_id: int) -> MailingList | None:
    row = await session.get(MailingList, list_id)
    if row is None or row.tenant_id != tenant.id:
        return None
    return row


@router.get("")
async def all_lists(tenant: Tenant = Depends(require_tenant), session: AsyncSession = Depends(get_session)):
    rows = (await session.execute(select(MailingList).where(MailingList.tenant_id == tenant.id))).scalars()
    return [{"id": r.id, "name": r.name, "double_opt_in": r.double_opt_in} for r in rows]


@router.post("", status_code=201)
async def create_list(body: ListIn, tenant: Tenant = Depends(require_tenant), session: AsyncSession = Depends(get_session)):
    row = MailingList(tenant_id=tenant.id, name=body.name, double_opt_in=body.double_opt_in)
    session.add(row)
    await session.commit()
    return {"id": row.id, "name": row.name}


@router.get("/{list_id}")
async def get_list(list_id: int, tenant: Tenant = Depends(require_tenant), session: AsyncSession = Depends(get_session)):
    row = await _owned(session, tenant, list_id)
    if row is None:
        return {"error": "list not found"}
    counts = await SubscriberRepository(session).count_by_status(list_id)
    return {"id": row.id, "name": row.name, "double_opt_in": row.double_opt_in, "subscribers": counts}


@router.delete("/{list_id}", status_code=204)
async def delete_list(list_id: int, tenant: Tenant = Depends(require_tenant), session: AsyncSession = Depends(get_session)):
    row = await _owned(session, tenant, list_id)
    if row is None:
        raise HTTPException(404, "list not found")
    await session.delete(row)
    await session.commit()


@router.get("/{list_id}/export")
async def export(list_id: int, tenant: Tenant = Depends(require_tenant), session: AsyncSession = Depends(get_session)):
    if await _owned(session, tenant, list_id) is None:
        raise HTTPException(404, "list not found")
    data = await export_list(tenant.id, list_id)
    return Response(
        content=data,
        media_type="application/gzip",
        headers={"content-disposition": f'attachment; filename="list-{list_id}.csv.gz"'},
    )


class SegmentIn(BaseModel):
    list_id: int
    name: str
    rules: dict


@segments_router.post("", status_code=201)
async def create_segment(body: SegmentIn, tenant: Tenant = Depends(require_tenant), session: AsyncSession = Depends(get_session)):
    seg = Segment(tenant_id=tenant.id, list_id=body.list_id, name=body.name, rules=body.rules)
    session.add(seg)
    await session.commit()
    return {"id": seg.id}


@segments_router.get("/{segment_id}/preview")
async def preview_segment(segment_id: int, tenant: Tenant = Depends(require_tenant), session: AsyncSession = Depends(get_session)):
    seg = await session.get(Segment, segment_id)
    if seg is None or seg.tenant_id != tenant.id:
        raise HTTPException(404, "segment not found")
    evaluator = SegmentEvaluator(SubscriberRepository(session))
    sample = await evaluator.preview(segment.list_id, seg.rules)
    return {"segment": seg.name, "sample": [s.email for s in sample]}
