"""Logging setup, request-scoped context, metrics facade and the audit trail."""
from __future__ import annotations

import logging
from contextvars import ContextVar
from typing import Any

from prometheus_client import Counter, Histogram
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from svc.db.models import AuditEntry

request_id_var: ContextVar[str] = ContextVar("request_id", default="-")

HTTP_REQUESTS = Counter("http_requests_total", "HTTP requests", ["method", "route", "status"])
HTTP_LATENCY = Histogram("http_request_duration_seconds", "HTTP request latency", ["method", "route"])
DOMAIN_EVENTS = Counter("domain_events_total", "Domain events", ["name"])


class RequestIdFilter(logging.Filter):
    def filter(self, record: logging.LogRecord) -> bool:
        record.request_id = request_id_var.get()
        return True


def configure_logging(level: str) -> None:
    handler = logging.StreamHandler()
    handler.setFormatter(
        logging.Formatter("%(asctime)s %(levelname)s %(name)s [%(request_id)s] %(message)s")
    )
    handler.addFilter(RequestIdFilter())
    root = logging.getLogger()
    root.handlers[:] = [handler]
    root.setLevel(level)
    logging.getLogger("httpx").setLevel(logging.WARNING)


class Metrics:
    """Thin facade so services do not depend on prometheus_client directly."""

    def record(self, name: str, value: float = 1.0) -> None:
        DOMAIN_EVENTS.labels(name=name).inc(value)


class AuditLog:
    """Append-only trail of money-moving actions, written in its own transaction."""

    def __init__(self, sessions: async_sessionmaker[AsyncSession]) -> None:
        self._sessions = sessions

    async def record(
        self, actor: str, action: str, subject: str, details: dict[str, Any] | None = None
    ) -> None:
        async with self._sessions() as session:
            session.add(AuditEntry(actor=actor, action=action, subject=subject, details=details or {}))
            await session.commit()
