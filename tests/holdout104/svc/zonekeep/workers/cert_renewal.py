"""Renew certificates that expire within `cert_renew_before_days`."""
from __future__ import annotations

import asyncio
from datetime import datetime, timedelta, timezone

from zonekeep.clients.acme import AcmeClient
from zonekeep.clients.nameserver import NameserverClient
from zonekeep.core.db import SessionLocal, create_raw_pool
from zonekeep.core.errors import AcmeError
from zonekeep.core.logging import get_logger
from zonekeep.core.redis import get_redis
from zonekeep.core.settings import get_settings
from zonekeep.repositories.certificates import CertificateRepository
from zonekeep.repositories.jobs import PushJobRepository
from zonekeep.repositories.zones import ZoneRepository
from zonekeep.services.acme import AcmeService
from zonekeep.services.certificates import not_after_of
from zonekeep.services.propagation import PropagationChecker
from zonekeep.services.push import PushService
from zonekeep.workers.common import advisory_lock, run_periodic

log = get_logger("workers.cert_renewal")

LOCK_KEY = 0x7A6B_0002


class CertRenewer:
    def __init__(self, acme: AcmeService) -> None:
        self._acme = acme

    async def run_once(self) -> None:
        settings = get_settings()
        before = datetime.now(timezone.utc) + timedelta(days=settings.cert_renew_before_days)
        async with SessionLocal() as session, advisory_lock(session, LOCK_KEY) as leader:
            if not leader:
                log.debug("another replica holds the cert renewal lock")
                return
            certs = CertificateRepository(session)
            zones = ZoneRepository(session)
            expiring = await certs.list_expiring(before, settings.worker_batch_size)
            zone_map = await zones.get_many(sorted({c.zone_id for c in expiring}))
            for cert in expiring:
                zone = zone_map.get(cert.zone_id)
                if zone is None:
                    continue
                try:
                    await self._acme.start_order(session, cert, zone)
                    chain = await self._acme.complete_order(session, cert, zone)
                except AcmeError as exc:
                    log.warning("renewal failed cert=%s: %s", cert.id, exc)
                    await certs.mark_failed(cert.id, str(exc))
                    continue
                certs.mark_renewed(cert.id, chain, not_after_of(chain))
                log.info("renewed certificate %s (%s)", cert.id, cert.common_name)


async def main() -> None:
    from zonekeep.core.acme_signer import load_signer

    settings = get_settings()
    pool = await create_raw_pool()
    nameservers = NameserverClient(settings)
    client = AcmeClient(settings.acme_directory_url, await load_signer(settings.acme_account_key_path))
    push = PushService(settings, PushJobRepository(pool), nameservers, get_redis())
    acme = AcmeService(client, push, PropagationChecker(nameservers, list(settings.nameserver_nodes)))
    try:
        await run_periodic("cert_renewal", 900, CertRenewer(acme).run_once)
    finally:
        await client.aclose()
        await nameservers.aclose()
        await pool.close()


if __name__ == "__main__":
    asyncio.run(main())
