from __future__ import annotations

import socket
import time

import dns.asyncresolver
import dns.exception
import dns.resolver

from pulsewatch.probes import ProbeOutcome, ProbeSpec

_RECORD_TYPES = {"A", "AAAA", "CNAME", "MX", "TXT", "NS"}


def parse_dns_target(target: str) -> tuple[str, str]:
    if " " in target:
        rtype, name = target.split(" ", 1)
        rtype = rtype.upper()
        if rtype not in _RECORD_TYPES:
            raise ValueError(f"unsupported record type {rtype}")
        return rtype, name.strip()
    return "A", target.strip()


class DnsProber:
    def __init__(self, nameservers: list[str] | None = None) -> None:
        self._resolver = dns.asyncresolver.Resolver()
        if nameservers:
            self._resolver.nameservers = nameservers

    async def probe(self, spec: ProbeSpec) -> ProbeOutcome:
        try:
            rtype, name = parse_dns_target(spec.target)
        except ValueError as exc:
            return ProbeOutcome(ok=False, latency_ms=None, error=str(exc))
        started = time.perf_counter()
        if rtype == "A" and not spec.keyword:
            try:
                _, _, addresses = socket.gethostbyname_ex(name)
            except socket.gaierror as exc:
                return ProbeOutcome(ok=False, latency_ms=None, error=f"resolution failed: {exc}")
            answers = addresses
        else:
            try:
                result = await self._resolver.resolve(name, rtype, lifetime=spec.timeout_s)
            except dns.exception.Timeout:
                return ProbeOutcome(ok=False, latency_ms=None, error="dns timeout")
            except (dns.resolver.NXDOMAIN, dns.resolver.NoAnswer, dns.resolver.NoNameservers) as exc:
                return ProbeOutcome(ok=False, latency_ms=None, error=type(exc).__name__)
            answers = [rdata.to_text() for rdata in result]
        latency_ms = int((time.perf_counter() - started) * 1000)
        if not answers:
            return ProbeOutcome(ok=False, latency_ms=latency_ms, error="empty answer")
        if spec.keyword and not any(spec.keyword in answer for answer in answers):
            return ProbeOutcome(ok=False, latency_ms=latency_ms, error="expected record missing", extra={"answers": answers[:10]})
        return ProbeOutcome(ok=True, latency_ms=latency_ms, extra={"answers": answers[:10]})
