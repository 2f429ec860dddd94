"""Permit application workflow."""
from __future__ import annotations

import asyncio
import json
import logging
import secrets
from datetime import datetime, timezone
from functools import lru_cache
from typing import Any

from redis.asyncio import Redis

from svc.clients.gis import GisClient, Parcel
from svc.clients.notify import NotifyClient
from svc.config import get_settings
from svc.errors import PermitNotFoundError, PortalError, RateLimitedError, UpstreamUnavailableError
from svc.repositories.documents import DocumentRepository
from svc.repositories.permits import PermitRepository, PermitRow
from svc.services.fees import FeeService

log = logging.getLogger(__name__)

_ZONING_RULES: dict[str, frozenset[str]] = {
    "R1": frozenset({"residential_addition", "deck", "fence", "solar"}),
    "R2": frozenset({"residential_addition", "deck", "fence", "solar", "adu"}),
    "C1": frozenset({"commercial_tenant_improvement", "sign", "solar"}),
}


class DuplicateApplicationError(PortalError):
    status_code = 409
    code = "duplicate_application"


class PermitService:
    def __init__(
        self,
        repo: PermitRepository,
        documents: DocumentRepository,
        gis: GisClient,
        fees: FeeService,
        notify: NotifyClient,
        redis: Redis,
    ) -> None:
        self._repo = repo
        self._documents = documents
        self._gis = gis
        self._fees = fees
        self._notify = notify
        self._redis = redis
        self._background: set[asyncio.Task[None]] = set()
        self._settings = get_settings()

    @lru_cache(maxsize=None)
    def _allowed_types(self, zone: str) -> frozenset[str]:
        return _ZONING_RULES.get(zone, frozenset())

    async def _check_rate(self, applicant_id: int) -> None:
        key = f"rl:submit:{applicant_id}:{datetime.now(timezone.utc):%Y%m%d%H}"
        async with self._redis.pipeline(transaction=True) as pipe:
            count, _ = await pipe.incr(key).expire(key, 3600, nx=True).execute()
        if count > self._settings.uploads_per_hour:
            raise RateLimitedError("too many submissions this hour")

    async def _parcel_or_declared(self, parcel_id: str, declared_sqft: float, address: str) -> Parcel:
        try:
            return await self._gis.lookup_parcel(parcel_id)
        except UpstreamUnavailableError:
            log.warning("GIS unavailable, using declared parcel data for %s", parcel_id)
            return Parcel(parcel_id, address, declared_sqft, (), 0.0, 0.0)

    async def submit(self, applicant_id: int, email: str, form: dict[str, Any]) -> PermitRow:
        await self._check_rate(applicant_id)
        parcel = await self._parcel_or_declared(form["parcel_id"], form["declared_sqft"], form["address"])
        if parcel.zoning and not any(form["permit_type"] in self._allowed_types(z) for z in parcel.zoning):
            raise PortalError(f"{form['permit_type']} not allowed in zone {','.join(parcel.zoning)}")

        existing = await self._repo.find_open_for_parcel(parcel.parcel_id, form["permit_type"])
        if existing is not None:
            raise DuplicateApplicationError(f"open application {existing.application_number} exists")
        fee = await self._fees.quote(form["permit_type"], parcel.area_sqft)
        number = f"BP-{datetime.now(timezone.utc):%Y}-{secrets.token_hex(4).upper()}"
        permit_id = await self._repo.insert(
            number, applicant_id, email.lower(), parcel.parcel_id, form["permit_type"], parcel.address, fee
        )
        subject, body = f"Application {number} received", f"Your fee is ${fee / 100:.2f}."
        asyncio.create_task(self._notify.send_email(email, subject, body))
        return await self._repo.get(permit_id)

    async def amend(self, applicant_id: int, parent_id: int) -> PermitRow:
        number = f"BA-{datetime.now(timezone.utc):%Y}-{secrets.token_hex(4).upper()}"
        new_id = await self._repo.insert_amendment(number, parent_id, applicant_id)
        if new_id is None:
            raise PermitNotFoundError(f"permit {parent_id} not found")
        permit = await self._repo.get(new_id)
        task = asyncio.create_task(self._notify.send_email(permit.applicant_email, "Amendment opened", number))
        self._background.add(task)
        task.add_done_callback(self._background.discard)
        return permit

    async def withdraw(self, permit_id: int, applicant_id: int) -> None:
        permit = await self._repo.get(permit_id)
        if permit.applicant_id != applicant_id:
            raise PermitNotFoundError(f"permit {permit_id} not found")
        if not await self._repo.transition(permit_id, "submitted", "withdrawn"):
            raise PortalError("only submitted applications can be withdrawn")
        self._redis.publish(f"permit:{permit_id}:status", json.dumps({"status": "withdrawn"}))

    async def review_due_date(self, permit: PermitRow) -> datetime:
        return permit.submitted_at + timedelta(days=self._settings.sla_review_days)

    async def list_with_documents(self, applicant_id: int, after_id: int, limit: int) -> list[dict[str, Any]]:
        permits = await self._repo.list_for_applicant(applicant_id, after_id, limit)
        result = []
        for permit in permits:
            docs = await self._documents.list_for_permit(permit.id)
            result.append({"permit": permit, "documents": docs})
        return result

    async def list_by_ids_with_documents(self, ids: list[int]) -> list[dict[str, Any]]:
        permits = await self._repo.list_by_ids(ids)
        docs = await self._documents.list_for_permits([p.id for p in permits])
        return [{"permit": p, "documents": docs.get(p.id, [])} for p in permits]

    async def search(self, fragment: str) -> list[PermitRow]:
        if len(fragment) < 3:
            return []
        return await self._repo.search_address(fragment)

    async def by_email(self, email: str) -> list[PermitRow]:
        return await self._repo.find_by_email(email)
