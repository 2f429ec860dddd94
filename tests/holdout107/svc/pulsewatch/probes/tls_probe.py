from __future__ import annotations

import asyncio
import ssl
import time
from datetime import datetime, timezone
from typing import Optional

from pulsewatch.probes import ProbeOutcome, ProbeSpec
from pulsewatch.probes.tcp_probe import split_host_port


def parse_not_after(cert: dict) -> Optional[datetime]:
    raw = cert.get("notAfter")
    if not raw:
        return None
    try:
        return datetime.fromtimestamp(ssl.cert_time_to_seconds(raw), tz=timezone.utc)
    except ValueError:
        return None


class TlsProber:
    def __init__(self) -> None:
        self._context = ssl.create_default_context()

    async def probe(self, spec: ProbeSpec) -> ProbeOutcome:
        target = spec.target if ":" in spec.target else f"{spec.target}:443"
        try:
            host, port = split_host_port(target)
        except ValueError as exc:
            return ProbeOutcome(ok=False, latency_ms=None, error=str(exc))
        started = time.perf_counter()
        try:
            _, writer = await asyncio.wait_for(
                asyncio.open_connection(host, port, ssl=self._context, server_hostname=host),
                timeout=spec.timeout_s,
            )
        except asyncio.TimeoutError:
            return ProbeOutcome(ok=False, latency_ms=None, error="tls handshake timeout")
        except ssl.SSLCertVerificationError as exc:
            return ProbeOutcome(ok=False, latency_ms=None, error=f"certificate invalid: {exc.verify_message}")
        except (ssl.SSLError, OSError) as exc:
            return ProbeOutcome(ok=False, latency_ms=None, error=f"tls error: {exc}")
        latency_ms = int((time.perf_counter() - started) * 1000)
        try:
            ssl_object = writer.get_extra_info("ssl_object")
            cert = ssl_object.getpeercert() if ssl_object else {}
        finally:
            writer.close()
        not_after = parse_not_after(cert or {})
        if not_after is None:
            return ProbeOutcome(ok=False, latency_ms=latency_ms, error="certificate has no expiry")
        return ProbeOutcome(
            ok=True,
            latency_ms=latency_ms,
            extra={"not_after": not_after.isoformat(), "issuer": dict(x[0] for x in cert.get("issuer", ()))},
        )
