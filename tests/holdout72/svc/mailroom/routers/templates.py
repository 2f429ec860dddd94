from fastapi import APIRouter, Depends, HTTPException
from pydantic import BaseModel
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from mailroom.db.engine import get_session
from mailroom.db.models import Template, Tenant
from mailroom.deps import Container, container, require_tenant
from mailroom.services.templates import TemplateRenderError, prepare_source, render

router = APIRouter(prefix="/v1/templates", tags=["templates"])


class TemplateIn(BaseModel):
    name: str
    subject: str
    html_body: str
    text_body: str | None = None


@router.post("", status_code=201)
async def create_template(body: TemplateIn, tenant: Tenant = Depends(require_tenant), session: AsyncSession = Depends(get_session)):
    html = await prepare_source(body.html_body)
    tpl = Template(tenant_id=tenant.id, name=body.name, subject=body.subject, html_body=html, text_body=body.text_body)
    session.add(tpl)
    await session.commit()
    return {"id": tpl.id, "version": tpl.version}


@router.get("/{template_id}")
async def get_template(
    template_id: int,
    tenant: Tenant = Depends(require_tenant),
    session: AsyncSession = Depends(get_session),
    c: Container = Depends(container),
):
    async def load() -> dict:
        row = (
            await session.execute(select(Template).where(Template.id == template_id, Template.tenant_id == tenant.id))
        ).scalar_one_or_none()
        if row is None:
            raise HTTPException(404, "template not found")
        return {"id": row.id, "name": row.name, "version": row.version, "subject": row.subject}

    meta = await c.template_meta.get(tenant.id, template_id, load)
    meta["links"] = f"/v1/templates/{template_id}/preview"
    return meta


@router.post("/{template_id}/preview")
async def preview(template_id: int, context: dict, tenant: Tenant = Depends(require_tenant), session: AsyncSession = Depends(get_session)):
    tpl = await session.get(Template, template_id)
    if tpl is None or tpl.tenant_id != tenant.id:
        raise HTTPException(404, "template not found")
    try:
        out = render(tpl, context)
    except TemplateRenderError as exc:
        raise HTTPException(422, str(exc)) from exc
    return {"subject": out.subject, "html": out.html, "text": out.text}
