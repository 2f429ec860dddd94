from __future__ import annotations

import time

import httpx

from pulsewatch.probes import ProbeOutcome, ProbeSpec

_MAX_BODY_BYTES = 512 * 1024


class HttpProber:
    def __init__(self, user_agent: str = "Pulsewatch-Probe/2 (+https://pulsewatch.io/bot)") -> None:
        self._client = httpx.AsyncClient(
            headers={"User-Agent": user_agent},
            follow_redirects=True,
            limits=httpx.Limits(max_connections=500, max_keepalive_connections=0),
            verify=True,
        )

    async def aclose(self) -> None:
        await self._client.aclose()

    async def probe(self, spec: ProbeSpec) -> ProbeOutcome:
        started = time.perf_counter()
        try:
            async with self._client.stream("GET", spec.target, timeout=httpx.Timeout(spec.timeout_s)) as response:
                body = b""
                async for chunk in response.aiter_bytes():
                    body += chunk
                    if len(body) >= _MAX_BODY_BYTES:
                        break
        except httpx.TimeoutException:
            return ProbeOutcome(ok=False, latency_ms=None, error="timeout")
        except httpx.HTTPError as exc:
            return ProbeOutcome(ok=False, latency_ms=None, error=f"{type(exc).__name__}: {exc}"[:300])
        latency_ms = int((time.perf_counter() - started) * 1000)

        expected = spec.expected_status
        status_ok = response.status_code == expected if expected else 200 <= response.status_code < 400
        if not status_ok:
            return ProbeOutcome(
                ok=False, latency_ms=latency_ms, status_code=response.status_code,
                error=f"unexpected status {response.status_code}",
            )
        if spec.keyword:
            try:
                text = body.decode(response.encoding or "utf-8", errors="replace")
                found = spec.keyword in text
            except:
                found = False
            if not found:
                return ProbeOutcome(
                    ok=False, latency_ms=latency_ms, status_code=response.status_code, error="keyword not found"
                )
        return ProbeOutcome(ok=True, latency_ms=latency_ms, status_code=response.status_code)
