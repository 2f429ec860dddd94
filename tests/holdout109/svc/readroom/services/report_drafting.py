from __future__ import annotations

import logging

from sqlalchemy.ext.asyncio import AsyncSession

from readroom.errors import InvalidReportState, ReportNotFound, StudyNotFound, ValidationFailed
from readroom.models import User
from readroom.repositories.reports import ReportRepository
from readroom.repositories.studies import StudyRepository
from readroom.repositories.templates import TemplateRepository
from readroom.services.priors import PriorService
from readroom.services.template_render import (
    detect_critical,
    impression_from_structured,
    render,
    validate_structured,
)

log = logging.getLogger(__name__)


class ReportDraftingService:
    def __init__(self, session: AsyncSession, priors: PriorService) -> None:
        self.session = session
        self.reports = ReportRepository(session)
        self.studies = StudyRepository(session)
        self.templates = TemplateRepository(session)
        self.priors = priors

    async def start_draft(self, study_id: int, author: User, template_code: str | None) -> dict:
        study = await self.studies.get(study_id)
        if study is None:
            raise StudyNotFound(f"study {study_id} not found")
        template = await self.templates.by_code(template_code) if template_code else None
        if template is None:
            candidates = await self.templates.active_for(study.modality, study.body_part)
            template = candidates[0] if candidates else None
        findings = ""
        if template is not None:
            findings = render(
                template.id,
                template.version,
                template.body,
                {s["key"]: s.get("default", "") for s in template.sections},
            )
        report = await self.reports.create_draft(
            study_id=study.id,
            accession=study.accession_number,
            author_id=author.id,
            template_id=template.id if template else None,
            findings=findings,
            impression="",
            structured={},
        )
        await self.session.commit()
        return {"report_id": report.id, "template": template.code if template else None, "findings": findings}

    async def load(self, report_id: int) -> dict:
        report = await self.reports.get(report_id)
        if report is None:
            raise ReportNotFound(f"report {report_id} not found")
        study = await self.studies.get(report.study_id)
        segments = await self.reports.segments(report_id)
        prior_uids = (study.metadata_json or {}).get("prior_uids", []) if study else []
        prior_summaries = await self.priors.summaries(prior_uids)
        try:
            suggestions = await self.templates.active_for(study.modality, study.body_part) if study else []
        except Exception:
            log.warning("template suggestions unavailable for report %s", report_id, exc_info=True)
            suggestions = []
        return {
            "report_id": report.id,
            "status": report.status,
            "findings": report.findings,
            "impression": report.impression,
            "structured": report.structured,
            "segments": [
                {"seq": s.seq, "status": s.status, "transcript": s.transcript, "confidence": s.confidence}
                for s in segments
            ],
            "priors": prior_summaries,
            "template_suggestions": [t.code for t in suggestions],
        }

    async def save(self, report_id: int, *, findings: str, impression: str, structured: dict) -> dict:
        report = await self.reports.get(report_id)
        if report is None:
            raise ReportNotFound(f"report {report_id} not found")
        if report.status != "DRAFT":
            raise InvalidReportState(f"report {report_id} is {report.status}")
        if report.template_id is not None:
            template = await self.templates.get(report.template_id)
            if template is not None and template.sections:
                structured, errors = validate_structured(template.sections, structured)
                if errors:
                    raise ValidationFailed("structured fields invalid", detail=errors)
                if not impression.strip():
                    impression = impression_from_structured(template.code, structured) or impression
        critical = detect_critical(f"{findings}\n{impression}")
        await self.reports.update_body(
            report_id, findings=findings, impression=impression, structured=structured, critical=bool(critical)
        )
        await self.session.commit()
        return {"report_id": report_id, "critical_findings": critical}
