"""Regional prober: consumes probe jobs for its region and uploads results.

Run with ``python -m pulsewatch.workers.prober``.
"""
from __future__ import annotations

import asyncio
import json
import socket
from typing import Any

import httpx
import structlog

from pulsewatch.clients.email import EmailClient
from pulsewatch.config import Settings, get_settings
from pulsewatch.db.pool import close_pool, init_pool
from pulsewatch.db.redis import close_redis, init_redis
from pulsewatch.logging_setup import configure_logging
from pulsewatch.probes import ProbeOutcome, ProbeSpec
from pulsewatch.probes.dns_probe import DnsProber
from pulsewatch.probes.http_probe import HttpProber
from pulsewatch.probes.tcp_probe import TcpProber
from pulsewatch.probes.tls_probe import TlsProber
from pulsewatch.timeutil import utcnow
from pulsewatch.workers import tls_expiry
from pulsewatch.workers.common import install_signal_handlers

log = structlog.get_logger(__name__)

UPLOAD_BATCH = 200
UPLOAD_INTERVAL_S = 2.0


def job_stream(region: str) -> str:
    return f"pw:jobs:{region}"


class Prober:
    def __init__(self, settings: Settings, redis) -> None:
        self._settings = settings
        self._redis = redis
        self._region = settings.region
        self._consumer = socket.gethostname()
        self._probers = {"http": HttpProber(), "tcp": TcpProber(), "dns": DnsProber(), "tls": TlsProber()}
        self._slots = asyncio.Semaphore(settings.probe_concurrency)
        self._results: asyncio.Queue[dict[str, Any]] = asyncio.Queue()
        self._in_flight: set[asyncio.Task] = set()
        self._upload = httpx.AsyncClient(
            timeout=httpx.Timeout(15.0, connect=5.0),
            headers={"Authorization": f"Prober {settings.prober_token}"},
        )

    async def _ensure_group(self) -> None:
        try:
            await self._redis.xgroup_create(job_stream(self._region), "probers", id="0", mkstream=True)
        except Exception as exc:
            if "BUSYGROUP" not in str(exc):
                raise

    async def _run_probe(self, spec: ProbeSpec, message_id: str) -> None:
        try:
            prober = self._probers.get(spec.kind)
            if prober is None:
                outcome = ProbeOutcome(ok=False, latency_ms=None, error=f"unknown kind {spec.kind}")
            else:
                outcome = await prober.probe(spec)
        finally:
            self._slots.release()
        result = {
            "monitor_id": spec.monitor_id,
            "ok": outcome.ok,
            "latency_ms": outcome.latency_ms,
            "status_code": outcome.status_code,
            "error": outcome.error,
            "checked_at": utcnow().isoformat(),
            "tls_not_after": outcome.extra.get("not_after"),
        }
        await self._results.put(result)
        await self._redis.xack(job_stream(self._region), "probers", message_id)

    async def consume(self, stop: asyncio.Event) -> None:
        await self._ensure_group()
        while not stop.is_set():
            batches = await self._redis.xreadgroup(
                "probers", self._consumer, {job_stream(self._region): ">"}, count=100, block=2000
            )
            for _, messages in batches or []:
                for message_id, fields in messages:
                    job = json.loads(fields["job"])
                    spec = ProbeSpec(
                        monitor_id=job["id"],
                        kind=job["kind"],
                        target=job["target"],
                        timeout_s=float(job["timeout_s"]),
                        expected_status=job.get("expected_status"),
                        keyword=job.get("keyword"),
                    )
                    await self._slots.acquire()
                    task = asyncio.create_task(self._run_probe(spec, message_id))
                    self._in_flight.add(task)
                    task.add_done_callback(self._in_flight.discard)

    async def upload(self, stop: asyncio.Event) -> None:
        while not stop.is_set() or not self._results.empty():
            batch: list[dict[str, Any]] = []
            try:
                batch.append(await asyncio.wait_for(self._results.get(), timeout=UPLOAD_INTERVAL_S))
            except asyncio.TimeoutError:
                continue
            while len(batch) < UPLOAD_BATCH and not self._results.empty():
                batch.append(self._results.get_nowait())
            response = await self._upload.post(self._settings.ingest_url, json={"region": self._region, "results": batch})
            if response.status_code >= 400:
                log.error("prober.upload_rejected", status=response.status_code, size=len(batch))

    async def aclose(self) -> None:
        await self._upload.aclose()
        await self._probers["http"].aclose()


async def main() -> None:
    settings = get_settings()
    configure_logging()
    stop = asyncio.Event()
    install_signal_handlers(stop)
    redis = init_redis(settings)
    pool = await init_pool(settings)
    email = EmailClient(settings)
    prober = Prober(settings, redis)
    try:
        await asyncio.gather(
            prober.consume(stop),
            prober.upload(stop),
            tls_expiry.run_forever(pool, email, stop),
        )
    finally:
        await prober.aclose()
        await email.aclose()
        await close_pool()
        await close_redis()


if __name__ == "__main__":
    asyncio.run(main())
