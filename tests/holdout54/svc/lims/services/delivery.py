"""Delivery of verified results to clinic EHRs (HL7 v2 over HTTP or FHIR)."""
from __future__ import annotations

import asyncio
import logging
import uuid
from typing import Any

from ..clients.ehr_hl7 import Hl7DeliveryError, Hl7HttpClient
from ..clients.fhir import FhirClient, FhirError, observation_resource
from ..db.pg import connection
from ..db.orm import SessionLocal
from ..metrics import DELIVERY_FAILURES
from ..redis_client import get_redis
from ..repos.clinic_repo import ClinicRepo
from ..repos.delivery_repo import DeliveryRepo
from ..repos.results_repo import ResultsRepo
from ..repos.samples_repo import Sample, SamplesRepo
from ..utils.circuit import CircuitOpen
from ..utils.hl7 import build_oru

log = logging.getLogger(__name__)

MAX_CONCURRENT_DELIVERIES = 8
FHIR_BACKOFF_S = (30, 120, 600, 1800, 3600)


class DeliveryService:
    def __init__(self, hl7: Hl7HttpClient, fhir: FhirClient) -> None:
        self.hl7 = hl7
        self.fhir = fhir
        self._sent_ids: set[int] = set()
        self._slots = asyncio.Semaphore(MAX_CONCURRENT_DELIVERIES)

    async def run_batch(self, limit: int) -> int:
        async with connection() as conn:
            due = await DeliveryRepo(conn).lease_due(limit)
            if not due:
                return 0
            samples = await SamplesRepo(conn).get_many([d["sample_id"] for d in due])
            results = await ResultsRepo(conn).fetch_for_samples(list(samples))
        async with SessionLocal() as session:
            clinics = ClinicRepo(session, get_redis())
            configs = {cid: await clinics.delivery_config(cid) for cid in {d["clinic_id"] for d in due}}

        async def one(d: dict[str, Any]) -> None:
            async with self._slots:
                await self._deliver(d, samples[d["sample_id"]], results.get(d["sample_id"], []), configs[d["clinic_id"]])

        await asyncio.gather(*(one(d) for d in due))
        return len(due)

    async def _deliver(self, d: dict[str, Any], sample: Sample, results: list[dict[str, Any]], cfg: dict[str, Any]) -> None:
        if d["id"] in self._sent_ids:
            return
        final = [r for r in results if r["status"] == "final"]
        if not final:
            async with connection() as conn:
                await DeliveryRepo(conn).reschedule(d["id"], "no final results yet", 300)
            return
        if d["channel"] == "fhir":
            await self._deliver_fhir(d, sample, final, cfg)
        else:
            await self._deliver_hl7(d, sample, final, cfg)

    async def _deliver_hl7(self, d: dict[str, Any], sample: Sample, final: list[dict[str, Any]], cfg: dict[str, Any]) -> None:
        message = build_oru(
            message_id=uuid.uuid4().hex[:20],
            sending_facility="LAB",
            receiving_facility=cfg["code"],
            patient_mrn=sample.patient_mrn,
            patient_name=sample.patient_name,
            accession_no=sample.accession_no,
            results=final,
        )
        try:
            await self.hl7.send(cfg["hl7_endpoint"], message)
        except Hl7DeliveryError as exc:
            async with connection() as conn:
                await DeliveryRepo(conn).mark_failed(d["id"], str(exc))
            return
        async with connection() as conn:
            await DeliveryRepo(conn).mark_sent(d["id"])
        self._sent_ids.add(d["id"])

    async def _deliver_fhir(self, d: dict[str, Any], sample: Sample, final: list[dict[str, Any]], cfg: dict[str, Any]) -> None:
        patient_ref = f"Patient?identifier={sample.patient_mrn}"
        bundle = {
            "resourceType": "Bundle",
            "type": "transaction",
            "entry": [
                {"resource": observation_resource(r, patient_ref), "request": {"method": "POST", "url": "Observation"}}
                for r in final
            ],
        }
        try:
            await self.fhir.post_bundle(cfg["fhir_endpoint"], bundle)
        except (FhirError, CircuitOpen) as exc:
            DELIVERY_FAILURES.labels("fhir").inc()
            delay = FHIR_BACKOFF_S[min(d["attempts"], len(FHIR_BACKOFF_S) - 1)]
            log.warning("fhir delivery %s for %s failed (attempt %d): %s", d["id"], sample.accession_no, d["attempts"] + 1, exc)
            async with connection() as conn:
                await DeliveryRepo(conn).reschedule(d["id"], str(exc), delay)
            return
        async with connection() as conn:
            await DeliveryRepo(conn).mark_sent(d["id"])
        self._sent_ids.add(d["id"])

    async def resend_sample(self, sample_id: int, channel: str) -> int:
        async with connection() as conn:
            sample = await SamplesRepo(conn).get(sample_id)
            if sample is None:
                raise LookupError(sample_id)
            results = await ResultsRepo(conn).fetch_for_sample(sample_id, include_void=False)
            if not any(r["status"] == "final" for r in results):
                raise ValueError("sample has no final results")
            return await DeliveryRepo(conn).enqueue(sample_id, sample.clinic_id, channel)
