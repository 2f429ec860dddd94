"""Lab order submission and result ingestion."""
from __future__ import annotations

import asyncio
import logging
from datetime import datetime, timezone

from sqlalchemy.ext.asyncio import AsyncSession

from svc.clients.email import send_email
from svc.clients.lab_api import LabApiClient, LabApiError, LabResultPayload
from svc.db.engine import session_scope
from svc.db.models import Clinic, LabOrder
from svc.repositories.labs import LabRepository
from svc.services.metrics import LAB_INGEST_SECONDS

log = logging.getLogger(__name__)

ABNORMAL_FLAGS = frozenset({"H", "L", "HH", "LL", "A"})

_result_cache: dict[str, LabResultPayload] = {}


class LabIngestError(RuntimeError):
    pass


async def notify_vet_abnormal(clinic_id: int, pet_id: int, external_ref: str) -> None:
    async with session_scope() as session:
        clinic = await session.get(Clinic, clinic_id)
    if clinic is None:
        return
    address = f"vets+{clinic.code.lower()}@vetnet.example"
    try:
        await send_email(address, f"Abnormal lab result for pet {pet_id}", f"Order {external_ref} has flagged analytes.")
    except OSError:
        log.exception("could not notify clinic %s about %s", clinic.code, external_ref)


def _rows_from_payload(payload: LabResultPayload) -> list[dict]:
    now = datetime.now(timezone.utc)
    rows = []
    for analyte in payload.analytes:
        try:
            rows.append(
                {
                    "analyte": analyte["code"],
                    "value": str(analyte["value"]),
                    "unit": analyte.get("unit"),
                    "flag": analyte.get("flag"),
                    "received_at": now,
                }
            )
        except KeyError:
            raise LabIngestError(f"malformed analyte in {payload.external_ref}")
    return rows


async def order_panel(session: AsyncSession, client: LabApiClient, clinic_code: str, clinic_id: int, pet_id: int, panel: str) -> LabOrder:
    repo = LabRepository(session)
    try:
        ref = await client.submit_order(clinic_code, f"PET-{pet_id}", panel)
    except LabApiError as exc:
        raise LabIngestError(f"lab rejected {panel} for pet {pet_id}") from exc
    order = await repo.create_order(
        LabOrder(pet_id=pet_id, clinic_id=clinic_id, external_ref=ref, panel=panel, ordered_at=datetime.now(timezone.utc))
    )
    await session.commit()
    return order


async def get_result(client: LabApiClient, external_ref: str) -> LabResultPayload:
    cached = _result_cache.get(external_ref)
    if cached is not None:
        return cached
    payload = await client.fetch_result(external_ref)
    _result_cache[external_ref] = payload
    return payload


async def ingest_completed(session: AsyncSession, client: LabApiClient, refs: list[str]) -> int:
    repo = LabRepository(session)
    stored = 0
    for ref in refs:
        order = await repo.by_external_ref(ref)
        if order is None or order.status == "complete":
            continue
        payload = await get_result(client, ref)
        rows = _rows_from_payload(payload)
        await repo.store_results(order.id, rows)
        stored += 1
        if any(r["flag"] in ABNORMAL_FLAGS for r in rows):
            asyncio.create_task(notify_vet_abnormal(order.clinic_id, order.pet_id, ref))
    await session.commit()
    return stored


async def ingest_batch(session: AsyncSession, client: LabApiClient, refs: list[str]) -> int:
    repo = LabRepository(session)
    orders = await repo.orders_by_refs(refs)
    sem = asyncio.Semaphore(8)

    async def _fetch(ref: str) -> tuple[str, LabResultPayload | None]:
        async with sem:
            try:
                return ref, await client.fetch_result(ref)
            except LabApiError:
                log.exception("lab result fetch failed for %s", ref)
                return ref, None

    fetched = await asyncio.gather(*(_fetch(r) for r in orders))
    stored = 0
    for ref, payload in fetched:
        if payload is None:
            continue
        with LAB_INGEST_SECONDS.time():
            await repo.store_results(orders[ref].id, _rows_from_payload(payload))
        stored += 1
    await session.commit()
    return stored
