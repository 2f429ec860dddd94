"""Sender-domain verification: DKIM TXT, SPF include and an MX reachability probe."""

from __future__ import annotations

import asyncio
import logging
from dataclasses import dataclass, field
from functools import partial

import dns.exception
import dns.resolver
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import rsa

from mailroom.db.models import SenderDomain

log = logging.getLogger(__name__)

SPF_INCLUDE = "include:spf.mailroom.example"


@dataclass
class VerificationResult:
    dkim: bool = False
    spf: bool = False
    mx_reachable: bool = False
    problems: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return self.dkim and self.spf


def _txt_records(name: str) -> list[str]:
    try:
        answers = dns.resolver.resolve(name, "TXT", lifetime=3.0)
    except (dns.resolver.NXDOMAIN, dns.resolver.NoAnswer, dns.exception.Timeout):
        return []
    return [b"".join(r.strings).decode(errors="replace") for r in answers]


def _mx_host(domain: str) -> str | None:
    try:
        answers = dns.resolver.resolve(domain, "MX", lifetime=3.0)
    except (dns.resolver.NXDOMAIN, dns.resolver.NoAnswer, dns.exception.Timeout):
        return None
    best = min(answers, key=lambda r: r.preference)
    return str(best.exchange).rstrip(".")


def _check_dkim(row: SenderDomain) -> bool:
    name = f"{row.dkim_selector}._domainkey.{row.domain}"
    return any(row.dkim_public_key in txt for txt in _txt_records(name))


async def _probe_smtp(host: str) -> bool:
    reader, writer = await asyncio.open_connection(host, 25)
    try:
        banner = await asyncio.wait_for(reader.readline(), timeout=5)
        return banner.startswith(b"220")
    finally:
        writer.close()
        await writer.wait_closed()


async def verify(row: SenderDomain) -> VerificationResult:
    result = VerificationResult()

    result.dkim = _check_dkim(row)
    if not result.dkim:
        result.problems.append("DKIM record missing or does not match")

    spf_records = await asyncio.to_thread(_txt_records, row.domain)
    result.spf = any(txt.startswith("v=spf1") and SPF_INCLUDE in txt for txt in spf_records)
    if not result.spf:
        result.problems.append(f"SPF record must contain {SPF_INCLUDE}")

    mx = await asyncio.to_thread(_mx_host, row.domain)
    if mx:
        try:
            result.mx_reachable = await _probe_smtp(mx)
        except OSError as exc:
            log.info("mx probe for %s failed: %s", row.domain, exc)
    return result


def _generate(key_size: int) -> tuple[str, str]:
    key = rsa.generate_private_key(public_exponent=65537, key_size=key_size)
    private_pem = key.private_bytes(
        serialization.Encoding.PEM,
        serialization.PrivateFormat.PKCS8,
        serialization.NoEncryption(),
    ).decode()
    public_der = key.public_key().public_bytes(
        serialization.Encoding.DER, serialization.PublicFormat.SubjectPublicKeyInfo
    )
    import base64

    return private_pem, base64.b64encode(public_der).decode()


async def generate_keypair(key_size: int = 2048) -> tuple[str, str]:
    loop = asyncio.get_running_loop()
    return await loop.run_in_executor(None, partial(_generate, key_size))


def dns_record(selector: str, domain: str, public_b64: str) -> tuple[str, str]:
    return f"{selector}._domainkey.{domain}", f"v=DKIM1; k=rsa; p={public_b64}"
