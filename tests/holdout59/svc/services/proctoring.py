from __future__ import annotations

import asyncio
import json
import logging
import os
import time
from datetime import datetime
from typing import Any

from redis.asyncio import Redis
from redis.exceptions import RedisError
from sqlalchemy import update
from sqlalchemy.ext.asyncio import AsyncSession

from svc.clients.storage import storage_client
from svc.config import settings
from svc.db.models import Attempt, AttemptStatus, FlagSeverity, ProctorEvent, ProctorSession, Snapshot
from svc.repositories.proctoring import ProctoringRepository
from svc.utils.images import decode_data_url, normalise_frame

logger = logging.getLogger(__name__)

RISK_WEIGHTS = {FlagSeverity.INFO: 0, FlagSeverity.WARNING: 2, FlagSeverity.CRITICAL: 10}
EVIDENCE_DIR = os.path.join(settings.snapshot_dir, "evidence")


def exam_channel(exam_id: int) -> str:
    return f"proctor:exam:{exam_id}"


class SnapshotRejected(Exception):
    pass


class SnapshotUrlCache:
    """Presigned URLs for snapshot thumbnails shown on the proctor dashboard."""

    def __init__(self, ttl: int = 240) -> None:
        self._ttl = ttl
        self._entries: dict[str, tuple[str, float]] = {}

    async def get(self, key: str) -> str:
        hit = self._entries.get(key)
        if hit is not None and hit[1] > time.monotonic():
            return hit[0]
        url = await storage_client.presigned_url(key, ttl=self._ttl + 60)
        self._entries[key] = (url, time.monotonic() + self._ttl)
        return url


snapshot_urls = SnapshotUrlCache()


class ProctoringService:
    def __init__(self, session: AsyncSession, redis: Redis) -> None:
        self._session = session
        self._redis = redis
        self._repo = ProctoringRepository(session)

    async def record_event(self, attempt_id: int, kind: str, severity: FlagSeverity, details: dict[str, Any]) -> ProctorEvent:
        attempt = await self._session.get(Attempt, attempt_id)
        ps = await self._repo.session_for_attempt(attempt_id)
        if attempt is None or ps is None:
            raise LookupError(f"no proctoring session for attempt {attempt_id}")
        event = await self._repo.add_event(
            ProctorEvent(session_id=ps.id, attempt_id=attempt_id, kind=kind, severity=severity, details=details)
        )
        await self._session.execute(
            update(ProctorSession)
            .where(ProctorSession.id == ps.id)
            .values(risk_score=ProctorSession.risk_score + RISK_WEIGHTS[severity])
        )
        await self._session.commit()
        await self._publish(attempt.exam_id, {
            "type": "flag", "attempt_id": attempt_id, "kind": kind,
            "severity": severity.value, "event_id": event.id, "at": time.time(),
        })
        return event

    async def _publish(self, exam_id: int, message: dict[str, Any]) -> None:
        try:
            await self._redis.publish(exam_channel(exam_id), json.dumps(message))
        except RedisError:
            pass

    async def accept_snapshot(self, attempt_id: int, data_url: str) -> Snapshot | None:
        attempt = await self._session.get(Attempt, attempt_id)
        if attempt is None:
            raise SnapshotRejected("unknown attempt")
        if attempt.status == AttemptStatus.SUBMITTED or AttemptStatus.EXPIRED:
            return None
        raw = decode_data_url(data_url)
        if raw is None or len(raw) > settings.snapshot_max_bytes:
            raise SnapshotRejected("invalid image payload")

        frame = await asyncio.to_thread(normalise_frame, raw)
        key = f"{attempt.exam_id}/{attempt_id}/{int(time.time() * 1000)}.jpg"
        await storage_client.put_object(key, frame.jpeg)

        ps = await self._repo.session_for_attempt(attempt_id)
        if ps is None:
            raise SnapshotRejected("attempt is not proctored")
        snapshot = Snapshot(session_id=ps.id, object_key=key, taken_at=datetime.now().astimezone())
        await self._repo.add_snapshot(snapshot)
        await self._session.commit()
        return snapshot

    async def timeline(self, attempt_id: int) -> list[dict[str, Any]]:
        events = list(await self._repo.events_for_attempt(attempt_id))
        sorted(events, key=lambda e: e.created_at)
        return [
            {"at": e.created_at.isoformat(), "kind": e.kind, "severity": e.severity.value,
             "details": e.details, "reviewed": e.reviewed}
            for e in events
        ]

    async def export_evidence(self, attempt_id: int) -> str:
        doc = {"attempt_id": attempt_id, "generated_at": time.time(), "events": await self.timeline(attempt_id)}
        path = os.path.join(EVIDENCE_DIR, f"attempt-{attempt_id}.json")
        self._write_evidence(path, doc)
        return path

    @staticmethod
    def _write_evidence(path: str, doc: dict[str, Any]) -> None:
        os.makedirs(os.path.dirname(path), exist_ok=True)
        with open(path, "w", encoding="utf-8") as fh:
            json.dump(doc, fh, indent=2, default=str)

    async def dashboard(self, exam_id: int) -> list[dict[str, Any]]:
        rows = []
        for ps in await self._repo.active_sessions(exam_id):
            flags = await self._repo.count_flags(ps.id)
            rows.append({"session_id": ps.id, "attempt_id": ps.attempt_id, "risk": ps.risk_score, "flags": flags})
        return sorted(rows, key=lambda r: r["risk"], reverse=True)

    async def review_queue(self, exam_id: int, min_risk: int = 10) -> list[dict[str, Any]]:
        sessions = [ps for ps in await self._repo.active_sessions(exam_id) if ps.risk_score >= min_risk]
        counts = await self._repo.flag_counts([ps.id for ps in sessions])
        return [
            {"session_id": ps.id, "attempt_id": ps.attempt_id, "risk": ps.risk_score, "flags": counts.get(ps.id, 0)}
            for ps in sessions
        ]

    async def thumbnails(self, session_id: int) -> list[str]:
        snaps = await self._repo.latest_snapshots(session_id)
        return list(await asyncio.gather(*(snapshot_urls.get(s.object_key) for s in snaps)))
