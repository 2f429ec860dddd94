from __future__ import annotations

from datetime import datetime, timezone

from cryptography import x509
from sqlalchemy.ext.asyncio import AsyncSession

from zonekeep.core.errors import Conflict, NotFound
from zonekeep.core.logging import get_logger
from zonekeep.models import Certificate, Zone
from zonekeep.repositories.certificates import CertificateRepository
from zonekeep.services.acme import AcmeService

log = get_logger("services.certificates")


def not_after_of(pem_chain: str) -> datetime:
    leaf = x509.load_pem_x509_certificate(pem_chain.split("-----END CERTIFICATE-----")[0].encode()
                                          + b"-----END CERTIFICATE-----\n")
    return leaf.not_valid_after_utc


class CertificateService:
    def __init__(self, session: AsyncSession, acme: AcmeService) -> None:
        self._session = session
        self._acme = acme
        self._certs = CertificateRepository(session)

    async def request(self, account_id: int, zone: Zone, names: list[str]) -> Certificate:
        for n in names:
            if n != zone.name and not n.endswith("." + zone.name):
                raise Conflict(f"{n} is not inside zone {zone.name}")
        cert = await self._certs.add(Certificate(account_id=account_id, zone_id=zone.id,
                                                 common_name=names[0], sans=",".join(names[1:])))
        await self._session.commit()
        await self._acme.start_order(self._session, cert, zone)
        return cert

    async def finish(self, account_id: int, cert_id: int, zone: Zone) -> Certificate:
        cert = await self._certs.get(cert_id)
        if cert is None or cert.account_id != account_id:
            raise NotFound("certificate not found")
        chain = await self._acme.complete_order(self._session, cert, zone)
        await self._certs.mark_renewed(cert.id, chain, not_after_of(chain))
        return cert

    async def list_with_orders(self, account_id: int) -> list[dict]:
        certs = await self._certs.list_for_account(account_id)
        out = []
        for cert in certs:
            order = await self._certs.latest_order_for(cert.id)
            out.append({
                "id": cert.id,
                "common_name": cert.common_name,
                "status": cert.status,
                "not_after": cert.not_after.isoformat() if cert.not_after else None,
                "order_status": order.status if order else None,
            })
        return out

    @staticmethod
    def days_left(cert: Certificate) -> int | None:
        if cert.not_after is None:
            return None
        return (cert.not_after - datetime.now(timezone.utc)).days
