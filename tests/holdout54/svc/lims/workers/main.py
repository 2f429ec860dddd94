"""Worker process: redis queue consumers, the delivery pump and periodic jobs.

Run with ``python -m lims.workers.main``.
"""
from __future__ import annotations

import asyncio
import json
import logging
import signal
from typing import Awaitable, Callable

import httpx
from redis.asyncio import Redis

from ..clients.ehr_hl7 import Hl7HttpClient
from ..clients.fhir import FhirClient, TokenProvider
from ..clients.sms import SmsClient, VoiceClient
from ..config import get_settings
from ..db import pg
from ..db.orm import SessionLocal, engine
from ..redis_client import close_redis, get_redis
from ..repos.clinic_repo import ClinicRepo
from ..repos.delivery_repo import DeliveryRepo
from ..repos.samples_repo import SamplesRepo
from ..services.autoverify import AutoVerifier
from ..services.critical_alerts import CriticalAlertService
from ..services.delivery import DeliveryService
from ..utils.locks import LockNotAcquired, distributed_lock
from .billing_job import run_billing_export
from .file_drop import FileDropWatcher
from .scheduler import Job, Scheduler

log = logging.getLogger(__name__)

AUTOVERIFY_QUEUE = "queue:autoverify"
AUTOVERIFY_PROCESSING = "queue:autoverify:processing"
DELIVERY_QUEUE = "queue:delivery"
MAX_IN_FLIGHT = 16


class AutoverifyConsumer:
    def __init__(self, redis: Redis, verifier: AutoVerifier) -> None:
        self.redis = redis
        self.verifier = verifier
        self._slots = asyncio.Semaphore(MAX_IN_FLIGHT)
        self._in_flight: set[asyncio.Task] = set()

    async def _process(self, raw: str) -> None:
        try:
            job = json.loads(raw)
            await self.verifier.verify_sample(job["sample_id"])
            await self.redis.lrem(AUTOVERIFY_PROCESSING, 1, raw)
        except LookupError:
            log.warning("autoverify job for missing sample: %s", raw)
            await self.redis.lrem(AUTOVERIFY_PROCESSING, 1, raw)
        finally:
            self._slots.release()

    async def run(self, stop: asyncio.Event) -> None:
        while not stop.is_set():
            await self._slots.acquire()
            raw = await self.redis.blmove(AUTOVERIFY_QUEUE, AUTOVERIFY_PROCESSING, timeout=5, src="RIGHT", dest="LEFT")
            if raw is None:
                self._slots.release()
                continue
            task = asyncio.create_task(self._process(raw))
            self._in_flight.add(task)
            task.add_done_callback(self._in_flight.discard)
        if self._in_flight:
            await asyncio.gather(*self._in_flight, return_exceptions=True)


class DeliveryConsumer:
    """Turns 'sample ready' events into delivery rows, one per clinic channel."""

    def __init__(self, redis: Redis, delivery: DeliveryService, enqueue) -> None:
        self.redis = redis
        self.delivery = delivery
        self.enqueue = enqueue

    async def run(self, stop: asyncio.Event) -> None:
        while not stop.is_set():
            item = await self.redis.brpop([DELIVERY_QUEUE], timeout=5)
            if item is None:
                continue
            _, raw = item
            job = json.loads(raw)
            await self.enqueue(job["sample_id"])


async def enqueue_deliveries(sample_id: int) -> None:
    async with pg.connection() as conn:
        sample = await SamplesRepo(conn).get(sample_id)
        if sample is None:
            log.warning("delivery requested for unknown sample %s", sample_id)
            return
        async with SessionLocal() as session:
            cfg = await ClinicRepo(session, get_redis()).delivery_config(sample.clinic_id)
        if cfg is None or not cfg["active"]:
            log.info("clinic %s inactive; not delivering %s", sample.clinic_id, sample.accession_no)
            return
        await DeliveryRepo(conn).enqueue(sample.id, sample.clinic_id, cfg["delivery_channel"])


async def critical_sweep(service: CriticalAlertService, older_than_minutes: int) -> None:
    try:
        async with distributed_lock("critical-sweep", ttl_ms=60_000):
            alerts = await service.open_alerts(older_than_minutes)
            if not alerts:
                return
            async with SessionLocal() as session:
                clinics = await ClinicRepo(session, get_redis()).get_many({a["clinic_id"] for a in alerts})
            by_id = {cid: c.on_call_phone for cid, c in clinics.items()}
            for alert in alerts:
                await service.escalate(alert, by_id.get(alert["clinic_id"]))
    except LockNotAcquired:
        log.debug("critical sweep running elsewhere")


async def delivery_pump(delivery: DeliveryService, batch: int) -> None:
    sent = await delivery.run_batch(batch)
    if sent:
        log.info("delivery pump handled %d rows", sent)


async def supervise(name: str, factory: Callable[[], Awaitable[None]], stop: asyncio.Event) -> None:
    delay = 1.0
    while not stop.is_set():
        try:
            await factory()
            return
        except asyncio.CancelledError:
            raise
        except Exception:
            log.exception("%s crashed; restarting in %.0fs", name, delay)
            await asyncio.sleep(delay)
            delay = min(delay * 2, 60.0)


async def run() -> None:
    settings = get_settings()
    await pg.open_pool()
    redis = get_redis()
    http = httpx.AsyncClient(timeout=httpx.Timeout(settings.http_timeout_s, connect=3.0))
    sms, voice = SmsClient(), VoiceClient()
    await sms.start()
    await voice.start()
    fhir = FhirClient(TokenProvider(http, credentials={}))
    delivery = DeliveryService(Hl7HttpClient(http), fhir)
    critical = CriticalAlertService(sms, voice)
    from ..services.ingestion import IngestionService
    from ..clients.terminology import TerminologyClient
    watcher = FileDropWatcher(IngestionService(redis, TerminologyClient(http)))

    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    for sig in (signal.SIGTERM, signal.SIGINT):
        loop.add_signal_handler(sig, stop.set)

    scheduler = Scheduler([
        Job("delivery-pump", lambda: delivery_pump(delivery, settings.delivery_batch), interval_s=5),
        Job("critical-sweep", lambda: critical_sweep(critical, settings.critical_escalation_minutes), interval_s=60),
        Job("billing-export", run_billing_export, interval_s=24 * 3600),
    ])
    scheduler.start()
    consumers = [
        asyncio.create_task(supervise("autoverify", lambda: AutoverifyConsumer(redis, AutoVerifier(redis)).run(stop), stop)),
        asyncio.create_task(supervise("delivery-enqueue", lambda: DeliveryConsumer(redis, delivery, enqueue_deliveries).run(stop), stop)),
        asyncio.create_task(supervise("file-drop", lambda: watcher.run(stop), stop)),
    ]
    try:
        await stop.wait()
    finally:
        await scheduler.stop()
        for task in consumers:
            task.cancel()
        await asyncio.gather(*consumers, return_exceptions=True)
        await fhir.aclose()
        await sms.close()
        await voice.close()
        await http.aclose()
        await close_redis()
        await pg.close_pool()
        await engine.dispose()


if __name__ == "__main__":
    logging.basicConfig(level=logging.INFO)
    asyncio.run(run())
