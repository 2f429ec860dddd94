"""DICOMweb (QIDO-RS / WADO-RS) access to the PACS."""
from __future__ import annotations

import logging
from datetime import date

import httpx

from readroom.clients.resilience import CircuitBreaker
from readroom.clients.resilience import retry_async
from readroom.errors import PacsError
from readroom.settings import get_settings

log = logging.getLogger(__name__)


class PacsClient:
    def __init__(self, client: httpx.AsyncClient | None = None) -> None:
        s = get_settings()
        self._client = client or httpx.AsyncClient(
            base_url=s.pacs_base_url,
            timeout=httpx.Timeout(s.pacs_qido_timeout, connect=2.0),
            headers={"Accept": "application/dicom+json"},
        )
        self._breaker = CircuitBreaker("pacs", failure_threshold=5, reset_after=20.0)

    async def search_priors(self, patient_id: str, since: date, modality: str | None = None) -> list[dict]:
        params = {"PatientID": patient_id, "StudyDate": f"{since:%Y%m%d}-", "includefield": "all"}
        if modality:
            params["ModalitiesInStudy"] = modality

        async def _query() -> list[dict]:
            resp = await self._client.get("/studies", params=params)
            if resp.status_code == 204:
                return []
            resp.raise_for_status()
            return resp.json()

        return await retry_async(_query, attempts=3, retry_on=(httpx.TransportError, httpx.HTTPStatusError))

    async def study_metadata(self, study_uid: str) -> list[dict]:
        async def _fetch() -> list[dict]:
            resp = await self._client.get(f"/studies/{study_uid}/metadata")
            resp.raise_for_status()
            return resp.json()

        try:
            return await self._breaker.call(_fetch)
        except httpx.HTTPError as exc:
            raise PacsError(f"metadata fetch failed for {study_uid}") from exc

    async def study_summary(self, study_uid: str) -> dict:
        resp = await self._client.get("/studies", params={"StudyInstanceUID": study_uid, "includefield": "all"})
        resp.raise_for_status()
        rows = resp.json()
        return rows[0] if rows else {}

    async def study_summaries(self, study_uids: list[str]) -> list[dict]:
        # QIDO-RS accepts a comma separated UID list as a single matching key.
        resp = await self._client.get(
            "/studies", params={"StudyInstanceUID": ",".join(study_uids), "includefield": "all"}
        )
        if resp.status_code == 204:
            return []
        resp.raise_for_status()
        return resp.json()

    async def series_for_study(self, study_uid: str) -> list[dict]:
        async def _query() -> list[dict]:
            resp = await self._client.get(f"/studies/{study_uid}/series", params={"includefield": "all"})
            if resp.status_code == 204:
                return []
            resp.raise_for_status()
            return resp.json()

        return await retry_async(_query, attempts=3, retry_on=(httpx.TransportError,))

    async def rendered_frame(self, study_uid: str, series_uid: str, instance_uid: str) -> bytes:
        resp = await self._client.get(
            f"/studies/{study_uid}/series/{series_uid}/instances/{instance_uid}/rendered",
            headers={"Accept": "image/jpeg"},
        )
        resp.raise_for_status()
        return resp.content

    async def request_prefetch(self, study_uid: str, destination_aet: str) -> None:
        resp = await self._client.post(
            f"/studies/{study_uid}/move", json={"destination": destination_aet}
        )
        resp.raise_for_status()

    async def aclose(self) -> None:
        await self._client.aclose()
