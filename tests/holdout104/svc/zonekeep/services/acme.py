"""Certificate issuance via ACME DNS-01, publishing _acme-challenge TXT records in our own zones."""
from __future__ import annotations

import asyncio
from dataclasses import dataclass, field

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import NameOID
from sqlalchemy.ext.asyncio import AsyncSession

from zonekeep.clients.acme import AcmeClient, dns01_txt_value
from zonekeep.core.errors import AcmeError, NotFound
from zonekeep.core.logging import get_logger
from zonekeep.models import Certificate, Record, Zone
from zonekeep.repositories.certificates import CertificateRepository
from zonekeep.repositories.records import RecordRepository
from zonekeep.services.propagation import PropagationChecker
from zonekeep.services.push import PushService
from zonekeep.services.zones import ZoneService

log = get_logger("services.acme")


@dataclass
class PendingOrder:
    order_url: str
    finalize_url: str
    authz_urls: list[str]
    challenge_urls: list[str] = field(default_factory=list)
    txt_record_ids: list[int] = field(default_factory=list)


def build_csr(names: list[str]) -> tuple[bytes, bytes]:
    key = ec.generate_private_key(ec.SECP256R1())
    csr = (
        x509.CertificateSigningRequestBuilder()
        .subject_name(x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, names[0])]))
        .add_extension(x509.SubjectAlternativeName([x509.DNSName(n) for n in names]), critical=False)
        .sign(key, hashes.SHA256())
    )
    key_pem = key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8,
                                serialization.NoEncryption())
    return csr.public_bytes(serialization.Encoding.DER), key_pem


class AcmeService:
    def __init__(self, client: AcmeClient, push: PushService, propagation: PropagationChecker) -> None:
        self._client = client
        self._push = push
        self._propagation = propagation
        self._pending: dict[int, PendingOrder] = {}

    async def start_order(self, session: AsyncSession, cert: Certificate, zone: Zone) -> PendingOrder:
        names = [cert.common_name, *filter(None, cert.sans.split(","))]
        order_url, order = await self._client.new_order(names)
        pending = PendingOrder(order_url, order["finalize"], list(order["authorizations"]))
        records = RecordRepository(session)
        for authz_url in pending.authz_urls:
            authz = await self._client.authorization(authz_url)
            challenge = next(c for c in authz["challenges"] if c["type"] == "dns-01")
            label = authz["identifier"]["value"].removesuffix(zone.name).rstrip(".")
            owner = "_acme-challenge" + (f".{label}" if label else "")
            rec = await records.add(Record(zone_id=zone.id, name=owner, rtype="TXT", ttl=60,
                                           content=f'"{dns01_txt_value(challenge["token"], self._client.thumbprint)}"'))
            pending.txt_record_ids.append(rec.id)
            pending.challenge_urls.append(challenge["url"])
        await CertificateRepository(session).record_order(cert.id, order_url, pending.finalize_url)
        serial = await ZoneService(session).bump_serial(zone.id)
        await self._push.schedule(zone.id, serial)
        self._pending[cert.id] = pending
        return pending

    async def complete_order(self, session: AsyncSession, cert: Certificate, zone: Zone) -> str:
        pending = self._pending.pop(cert.id, None)
        if pending is None:
            raise NotFound("no order in progress for this certificate")
        await self._propagation.wait_for_serial(zone.name, zone.serial, timeout=120)
        for url in pending.challenge_urls:
            await self._client.respond(url)
        for url in pending.authz_urls:
            await self._client.poll(url)
        names = [cert.common_name, *filter(None, cert.sans.split(","))]
        csr_der, key_pem = await asyncio.to_thread(build_csr, names)
        order = await self._client.finalize(pending.finalize_url, csr_der)
        if order.get("status") != "valid":
            order = await self._client.poll(pending.order_url)
        if "certificate" not in order:
            raise AcmeError("order valid but no certificate url")
        chain = await self._client.download(order["certificate"])
        records = RecordRepository(session)
        for rid in pending.txt_record_ids:
            await records.delete(zone.id, rid)
        await session.commit()
        return chain + key_pem.decode()
