"""Process-wide singletons, created in the lifespan and hung on app.state.container."""
from __future__ import annotations

from dataclasses import dataclass

import asyncpg
import redis.asyncio as aioredis

from zonekeep.clients.acme import AcmeClient
from zonekeep.clients.epp import EppClient
from zonekeep.clients.outbound import Mailer
from zonekeep.clients.nameserver import NameserverClient
from zonekeep.clients.registry_rest import RegistryRestClient
from zonekeep.core.settings import Settings
from zonekeep.repositories.jobs import PushJobRepository
from zonekeep.services.acme import AcmeService
from zonekeep.services.dnssec import DnssecService
from zonekeep.services.propagation import PropagationChecker
from zonekeep.services.push import PushService
from zonekeep.services.search import SearchService


@dataclass
class Container:
    settings: Settings
    redis: aioredis.Redis
    pool: asyncpg.Pool
    epp: EppClient
    registry: RegistryRestClient
    nameservers: NameserverClient
    acme_client: AcmeClient
    mailer: Mailer
    push: PushService
    propagation: PropagationChecker
    search: SearchService
    dnssec: DnssecService
    acme: AcmeService

    async def aclose(self) -> None:
        await self.epp.close()
        await self.registry.close()
        await self.nameservers.aclose()
        await self.acme_client.aclose()
        await self.mailer.aclose()
        await self.pool.close()


async def build_container(settings: Settings, redis: aioredis.Redis, pool: asyncpg.Pool, signer) -> Container:
    epp = EppClient(settings)
    await epp.connect()
    registry = RegistryRestClient(settings)
    await registry.start()
    nameservers = NameserverClient(settings)
    acme_client = AcmeClient(settings.acme_directory_url, signer)
    push = PushService(settings, PushJobRepository(pool), nameservers, redis)
    propagation = PropagationChecker(nameservers, list(settings.nameserver_nodes))
    return Container(
        settings=settings, redis=redis, pool=pool, epp=epp, registry=registry, nameservers=nameservers,
        acme_client=acme_client, mailer=Mailer(settings), push=push, propagation=propagation,
        search=SearchService(registry, redis), dnssec=DnssecService(registry),
        acme=AcmeService(acme_client, push, propagation),
    )
