"""In-process counters and the audit trail."""
from __future__ import annotations

import json
import logging
import threading
from collections import Counter
from typing import Any

from .. import pg
from .common import utcnow


class Metrics:
    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._counts: Counter[str] = Counter()

    def incr(self, name: str, value: int = 1) -> None:
        with self._lock:  # also taken by the exporter thread
            self._counts[name] += value

    def snapshot(self) -> dict[str, int]:
        with self._lock:
            return dict(self._counts)


metrics = Metrics()


log = logging.getLogger("parkops.audit")


class AuditLog:
    async def record(self, action: str, actor: str, subject: str, detail: dict[str, Any] | None = None) -> None:
        await pg.execute(
            "INSERT INTO audit_events (action, actor, subject, detail, at) VALUES ($1, $2, $3, $4, $5)",
            action,
            actor,
            subject,
            json.dumps(detail or {}),
            utcnow(),
        )
        log.info("audit %s by %s on %s", action, actor, subject)


audit = AuditLog()
