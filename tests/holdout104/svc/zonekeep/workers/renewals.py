"""Auto-renew domains approaching expiry."""
from __future__ import annotations

import asyncio

from zonekeep.clients.epp import EppClient
from zonekeep.clients.registry_rest import RegistryRestClient
from zonekeep.core.db import SessionLocal
from zonekeep.core.logging import get_logger
from zonekeep.core.settings import get_settings
from zonekeep.services.pricing import PricingService
from zonekeep.services.renewals import RenewalService
from zonekeep.workers.common import run_periodic

log = get_logger("workers.renewals")


async def renew_batch(epp: EppClient, registry: RegistryRestClient) -> None:
    settings = get_settings()
    async with SessionLocal() as session:
        service = RenewalService(session, epp, settings)
        pricing = PricingService(session, registry)
        domains = await service.due(days_ahead=30)
        renewed = 0
        for domain in domains:
            price = await pricing.price_for(domain.tld, "renew")
            if await service.renew(domain, price):
                renewed += 1
        log.info("renewal pass: %d due, %d renewed", len(domains), renewed)


async def main() -> None:
    settings = get_settings()
    epp = EppClient(settings)
    await epp.connect()
    registry = RegistryRestClient(settings)
    await registry.start()
    try:
        await run_periodic("renewals", 3600, lambda: renew_batch(epp, registry))
    finally:
        await registry.close()
        await epp.close()


if __name__ == "__main__":
    asyncio.run(main())
