from __future__ import annotations

import asyncio
import time

from pulsewatch.probes import ProbeOutcome, ProbeSpec


def split_host_port(target: str) -> tuple[str, int]:
    host, _, port = target.rpartition(":")
    if not host or not port.isdigit():
        raise ValueError(f"invalid tcp target: {target!r}")
    return host.strip("[]"), int(port)


class TcpProber:
    async def probe(self, spec: ProbeSpec) -> ProbeOutcome:
        try:
            host, port = split_host_port(spec.target)
        except ValueError as exc:
            return ProbeOutcome(ok=False, latency_ms=None, error=str(exc))
        started = time.perf_counter()
        try:
            reader, writer = await asyncio.wait_for(asyncio.open_connection(host, port), timeout=spec.timeout_s)
        except asyncio.TimeoutError:
            return ProbeOutcome(ok=False, latency_ms=None, error="connect timeout")
        except OSError as exc:
            return ProbeOutcome(ok=False, latency_ms=None, error=f"connect failed: {exc.strerror or exc}")
        latency_ms = int((time.perf_counter() - started) * 1000)
        banner = ""
        try:
            if spec.keyword:
                data = await reader.read(1024)
                banner = data.decode("latin-1", errors="replace")
        except OSError as exc:
            return ProbeOutcome(ok=False, latency_ms=latency_ms, error=f"read failed: {exc}")
        finally:
            writer.close()
            try:
                await asyncio.wait_for(writer.wait_closed(), timeout=2.0)
            except (asyncio.TimeoutError, OSError):
                pass
        if spec.keyword and spec.keyword not in banner:
            return ProbeOutcome(ok=False, latency_ms=latency_ms, error="banner mismatch")
        return ProbeOutcome(ok=True, latency_ms=latency_ms, extra={"banner": banner[:120]} if banner else {})
