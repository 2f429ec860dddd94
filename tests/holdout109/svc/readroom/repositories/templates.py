from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from readroom.models import ReportTemplate


class TemplateRepository:
    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    async def get(self, template_id: int) -> ReportTemplate | None:
        return await self.session.get(ReportTemplate, template_id)

    async def get_many(self, template_ids: set[int]) -> dict[int, ReportTemplate]:
        if not template_ids:
            return {}
        result = await self.session.execute(select(ReportTemplate).where(ReportTemplate.id.in_(template_ids)))
        return {t.id: t for t in result.scalars()}

    async def active_for(self, modality: str, body_part: str | None = None) -> list[ReportTemplate]:
        stmt = select(ReportTemplate).where(ReportTemplate.modality == modality, ReportTemplate.active.is_(True))
        if body_part:
            stmt = stmt.where((ReportTemplate.body_part == body_part) | (ReportTemplate.body_part.is_(None)))
        return list((await self.session.execute(stmt.order_by(ReportTemplate.code))).scalars())

    async def by_code(self, code: str) -> ReportTemplate | None:
        result = await self.session.execute(select(ReportTemplate).where(ReportTemplate.code == code))
        return result.scalar_one_or_none()

    async def create_version(self, *, code: str, modality: str, body_part: str | None, sections: list,
                             body: str) -> ReportTemplate:
        current = await self.by_code(code)
        if current is None:
            template = ReportTemplate(code=code, modality=modality, body_part=body_part, sections=sections, body=body)
            self.session.add(template)
        else:
            current.version += 1
            current.sections = sections
            current.body = body
            current.modality = modality
            current.body_part = body_part
            template = current
        await self.session.flush()
        return template

    async def deactivate(self, code: str) -> bool:
        template = await self.by_code(code)
        if template is None:
            return False
        template.active = False
        await self.session.flush()
        return True
