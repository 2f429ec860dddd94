"""Client for the ML content classifier (internal HTTP service)."""

from __future__ import annotations

import logging
from dataclasses import dataclass, field

import httpx

from svc.config import Settings
from svc.observability import CLASSIFIER_CALLS
from svc.utils.resilience import CircuitBreaker, CircuitOpenError, retry_async


log = logging.getLogger(__name__)


class ClassifierError(Exception):
    pass


class ClassifierUnavailable(ClassifierError):
    pass


@dataclass
class Verdict:
    score: float
    labels: dict[str, float] = field(default_factory=dict)
    model: str = "unknown"


class ClassifierClient:
    def __init__(self, settings: Settings) -> None:
        self._settings = settings
        self._http = httpx.AsyncClient(
            base_url=settings.classifier_url,
            timeout=httpx.Timeout(settings.classifier_timeout, connect=1.0),
            limits=httpx.Limits(max_connections=50, max_keepalive_connections=20),
        )
        self._breaker = CircuitBreaker("classifier", failure_threshold=5, reset_after=20.0)

    async def aclose(self) -> None:
        await self._http.aclose()

    @staticmethod
    def _parse(payload: dict) -> Verdict:
        try:
            return Verdict(
                score=float(payload["score"]),
                labels={k: float(v) for k, v in payload.get("labels", {}).items()},
                model=str(payload.get("model", "unknown")),
            )
        except (KeyError, TypeError, ValueError) as exc:
            raise ClassifierError(f"malformed classifier response: {payload!r:.200}") from exc

    async def _post(self, path: str, body: dict) -> Verdict:
        resp = await self._http.post(path, json=body)
        resp.raise_for_status()
        return self._parse(resp.json())

    async def classify_post(self, post_id: int, text: str, media_url: str | None = None) -> Verdict:
        body = {"id": f"post:{post_id}", "text": text, "media_url": media_url}

        async def attempt() -> Verdict:
            return await retry_async(
                lambda: self._post("/v1/classify", body),
                attempts=3,
                retry_on=(httpx.TransportError, httpx.HTTPStatusError),
                op="classifier",
            )

        try:
            verdict = await self._breaker.call(attempt)
        except CircuitOpenError as exc:
            CLASSIFIER_CALLS.labels("circuit_open").inc()
            raise ClassifierUnavailable("classifier circuit open") from exc
        except httpx.HTTPError as exc:
            CLASSIFIER_CALLS.labels("error").inc()
            raise ClassifierUnavailable(str(exc)) from exc
        CLASSIFIER_CALLS.labels("ok").inc()
        return verdict

    async def classify_text(self, text: str) -> Verdict:
        """Short-text path used for comments; the model endpoint is cheaper than /v1/classify."""
        resp = await self._http.post("/v1/classify/short", json={"text": text})
        resp.raise_for_status()
        data = resp.json()
        try:
            return Verdict(score=float(data["score"]), labels=data.get("labels", {}))
        except (KeyError, ValueError):
            raise ClassifierError("bad short-text response")
