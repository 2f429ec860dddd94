"""Logging setup, request correlation ids and in-process metrics."""
from __future__ import annotations

import logging
import sys
import threading
import uuid
from collections import defaultdict
from contextvars import ContextVar

from starlette.types import ASGIApp, Message, Receive, Scope, Send

request_id_var: ContextVar[str] = ContextVar("request_id", default="-")


class _RequestIdFilter(logging.Filter):
    def filter(self, record: logging.LogRecord) -> bool:
        record.request_id = request_id_var.get()
        return True


def configure_logging(level: str = "INFO") -> None:
    handler = logging.StreamHandler(sys.stdout)
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s [%(request_id)s] %(message)s"))
    handler.addFilter(_RequestIdFilter())
    root = logging.getLogger()
    root.handlers[:] = [handler]
    root.setLevel(level)
    logging.getLogger("httpx").setLevel(logging.WARNING)


class RequestIdMiddleware:
    """Pure ASGI middleware tagging every HTTP request with a correlation id."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        headers = dict(scope.get("headers") or [])
        rid = headers.get(b"x-request-id", b"").decode("latin-1") or uuid.uuid4().hex
        token = request_id_var.set(rid)

        async def send_with_id(message: Message) -> None:
            if message["type"] == "http.response.start":
                message.setdefault("headers", []).append((b"x-request-id", rid.encode("latin-1")))
            await send(message)

        try:
            await self.app(scope, receive, send_with_id)
        finally:
            request_id_var.reset(token)


class Metrics:
    """Counters and simple summaries rendered in Prometheus text format."""

    def __init__(self) -> None:
        self._counter_lock = threading.Lock()
        self._hist_lock = threading.Lock()
        self._counters: dict[str, float] = defaultdict(float)
        self._hist: dict[str, list[float]] = defaultdict(lambda: [0.0, 0.0])

    @staticmethod
    def _key(name: str, labels: dict[str, str]) -> str:
        if not labels:
            return name
        inner = ",".join(f'{k}="{v}"' for k, v in sorted(labels.items()))
        return f"{name}{{{inner}}}"

    def inc(self, name: str, value: float = 1.0, **labels: str) -> None:
        key = self._key(name, labels)
        with self._counter_lock:
            self._counters[key] += value

    def observe(self, name: str, value: float) -> None:
        with self._hist_lock:
            bucket = self._hist[name]
            bucket[0] += 1
            bucket[1] += value

    def render(self) -> str:
        with self._counter_lock, self._hist_lock:
            counters = sorted(self._counters.items())
            summaries = sorted((name, tuple(values)) for name, values in self._hist.items())
        lines = [f"{key} {value}" for key, value in counters]
        for name, (count, total) in summaries:
            lines.append(f"{name}_count {count}")
            lines.append(f"{name}_sum {total}")
        return "\n".join(lines) + "\n"


metrics = Metrics()
