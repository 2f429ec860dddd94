"""Court e-filing through the external filing provider."""
from __future__ import annotations

import asyncio
import logging
from datetime import date, datetime
from typing import Any

import redis.asyncio as aioredis
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from lexdesk.clients.filing_provider import FilingProviderClient, ProviderError, ProviderRejected
from lexdesk.clients.storage import VaultStorage
from lexdesk.errors import FilingError, NotFound, QuotaExceeded
from lexdesk.infra.redis import JsonCache
from lexdesk.repositories.documents import DocumentRepository
from lexdesk.repositories.filings import FilingRepository
from lexdesk.schemas import FilingRequest
from lexdesk.security import Principal
from lexdesk.services.activity import ActivityService
from lexdesk.settings import Settings

log = logging.getLogger(__name__)

OPEN_STATES = ("submitted", "pending_review")
PROVIDER_STATES = {
    "RECEIVED": "submitted",
    "UNDER_REVIEW": "pending_review",
    "ACCEPTED": "accepted",
    "REJECTED": "rejected",
}
FEE_TTL = 86400


class EFilingService:
    def __init__(
        self, settings: Settings, sessions: async_sessionmaker[AsyncSession], filings: FilingRepository,
        provider: FilingProviderClient, storage: VaultStorage, redis: aioredis.Redis, cache: JsonCache,
        activity: ActivityService,
    ) -> None:
        self._settings = settings
        self._sessions = sessions
        self._filings = filings
        self._provider = provider
        self._storage = storage
        self._redis = redis
        self._cache = cache
        self._activity = activity

    async def submit(self, principal: Principal, req: FilingRequest) -> dict[str, Any]:
        quota_key = f"efile:quota:{principal.firm_id}:{date.today():%Y%m%d}"
        used = int(await self._redis.get(quota_key) or 0)
        if used >= self._settings.efiling_daily_limit:
            raise QuotaExceeded("daily e-filing limit reached", limit=self._settings.efiling_daily_limit)

        async with self._sessions() as session:
            doc = await DocumentRepository(session).get(req.document_id)
        if doc is None or doc.firm_id != principal.firm_id or doc.matter_id != req.matter_id:
            raise NotFound("document", req.document_id)

        filing_id = await self._filings.insert_submission(
            firm_id=principal.firm_id,
            matter_id=req.matter_id,
            document_id=doc.id,
            court_code=req.court_code,
            case_number=req.case_number,
            filing_type=req.filing_type,
            idempotency_key=req.idempotency_key,
        )
        if filing_id is None:
            existing = await self._filings.by_idempotency_key(principal.firm_id, req.idempotency_key)
            return dict(existing) if existing else {}

        pdf = await asyncio.to_thread(self._storage.get_bytes, doc.storage_key)
        envelope = req.model_dump(include={"court_code", "case_number", "filing_type", "service_contacts"})
        envelope |= {"filer": {"id": principal.user_id, "name": principal.name}, "client_reference": f"lexdesk-{filing_id}"}
        try:
            receipt = await self._provider.submit_envelope(envelope, pdf, idempotency_key=req.idempotency_key)
        except ProviderRejected as exc:
            await self._filings.set_status(filing_id, "rejected", error=exc.reason)
            raise FilingError(f"filing rejected by the court: {exc.reason}", code=exc.code)
        except ProviderError as exc:
            await self._filings.set_status(filing_id, "submit_failed", error=str(exc))
            raise FilingError("filing provider unavailable; the filing was not transmitted") from exc

        await self._filings.set_status(filing_id, "submitted", provider_ref=receipt["envelope_id"])
        await self._redis.set(quota_key, used + 1, ex=86400)
        await self._activity.publish(
            req.matter_id,
            {"type": "filing.submitted", "filing_id": filing_id, "court": req.court_code, "actor_id": principal.user_id},
        )
        return {"id": filing_id, "status": "submitted", "provider_ref": receipt["envelope_id"]}

    async def _load(self, principal: Principal, filing_id: int) -> dict[str, Any]:
        filing = await self._filings.get(filing_id)
        if filing is None or filing["firm_id"] != principal.firm_id:
            raise NotFound("filing", filing_id)
        return dict(filing)

    async def court_status(self, principal: Principal, filing_id: int) -> dict[str, Any]:
        filing = await self._load(principal, filing_id)
        if not filing["case_number"]:
            return {"filing": filing, "docket": None}
        docket = await self._provider.docket_status(filing["court_code"], filing["case_number"])
        return {"filing": filing, "docket": docket}

    async def fee_schedule(self, court_code: str) -> dict[str, Any]:
        key = f"fees:{court_code}"
        cached = await self._cache.get(key)
        if cached is not None:
            return cached
        try:
            fees = await self._provider.fee_schedule(court_code)
        except ProviderError:
            log.warning("fee schedule unavailable for %s", court_code)
            fees = {}
        await self._cache.set(key, fees, ttl=FEE_TTL)
        return fees

    async def lookup_envelope(self, principal: Principal, provider_ref: str) -> dict[str, Any]:
        filing = await self._filings.find_by_provider_ref(provider_ref)
        if filing is None or filing["firm_id"] != principal.firm_id:
            raise NotFound("envelope", provider_ref)
        return dict(filing)

    async def apply_webhook(self, payload: dict[str, Any]) -> bool:
        ref = payload["envelope_id"]
        filing = await self._filings.get_by_reference(ref)
        if filing is None:
            log.info("webhook for unknown envelope %s", ref)
            return False
        new_status = PROVIDER_STATES.get(payload.get("state", ""), "pending_review")
        changed = await self._filings.transition(filing["id"], OPEN_STATES, new_status, payload.get("message"))
        if changed:
            if new_status == "accepted" and payload.get("accepted_at"):
                await self._filings.set_status(
                    filing["id"], "accepted", accepted_at=datetime.fromisoformat(payload["accepted_at"])
                )
            await self._activity.publish(
                filing["matter_id"], {"type": "filing.status", "filing_id": filing["id"], "status": new_status}
            )
        return changed
