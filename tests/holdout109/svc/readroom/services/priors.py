from __future__ import annotations

import logging
from datetime import date, timedelta

from readroom.clients.pacs_client import PacsClient
from readroom.models import Study
from readroom.settings import get_settings
from readroom.utils.dicom_tags import flatten_study


log = logging.getLogger(__name__)


class PriorService:
    def __init__(self, pacs: PacsClient) -> None:
        self.pacs = pacs
        self.settings = get_settings()

    async def candidate_priors(self, study: Study, mrn: str) -> list[dict]:
        since = date.today() - timedelta(days=365 * self.settings.prefetch_lookback_years)
        rows = await self.pacs.search_priors(mrn, since)
        priors = [flatten_study(r) for r in rows]
        priors = [p for p in priors if p["StudyInstanceUID"] != study.study_instance_uid]
        same_part = [p for p in priors if (p.get("BodyPartExamined") or "") == (study.body_part or "")]
        ranked = same_part + [p for p in priors if p not in same_part]
        return ranked[: self.settings.prefetch_max_priors]

    async def summaries(self, prior_uids: list[str]) -> list[dict]:
        out = []
        for uid in prior_uids:
            row = await self.pacs.study_summary(uid)
            if row:
                out.append(flatten_study(row))
        return out

    async def summaries_batched(self, prior_uids: list[str]) -> list[dict]:
        if not prior_uids:
            return []
        rows = await self.pacs.study_summaries(prior_uids[:50])
        return [flatten_study(r) for r in rows]


READING_STATION_AET = "RR_CACHE"


class PrefetchService:
    def __init__(self, pacs: PacsClient) -> None:
        self.pacs = pacs

    async def fetch_prior(self, prior_uid: str) -> None:
        await self.pacs.request_prefetch(prior_uid, READING_STATION_AET)
