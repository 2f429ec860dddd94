"""Shared dependencies for the HTTP routers."""
from __future__ import annotations

import hashlib
import hmac
from collections.abc import AsyncIterator
from dataclasses import dataclass

from fastapi import Depends, Header, Request
from redis.asyncio import Redis
from sqlalchemy.ext.asyncio import AsyncSession

from svc.clients.payments import PaymentsClient
from svc.clients.tax import TaxClient
from svc.clients.webhooks import EndpointVerifier
from svc.db.pool import Database
from svc.db.tenant_repo import TenantRepository
from svc.db.usage_repo import UsageRepository
from svc.errors import InvalidCredentials
from svc.services.catalogue import PlanCatalogue
from svc.services.dunning import DunningService
from svc.services.ingestion import IngestionService
from svc.services.invoicing import InvoicingService
from svc.services.rating import RatingEngine
from svc.services.webhook_outbox import WebhookOutbox

_API_KEY_ITERATIONS = 200_000


@dataclass
class Services:
    db: Database
    cache: Redis
    tenants: TenantRepository
    usage: UsageRepository
    catalogue: PlanCatalogue
    rating: RatingEngine
    ingestion: IngestionService
    invoicing: InvoicingService
    dunning: DunningService
    outbox: WebhookOutbox
    tax: TaxClient
    payments: PaymentsClient
    verifier: EndpointVerifier


def get_services(request: Request) -> Services:
    return request.app.state.services


async def get_session(services: Services = Depends(get_services)) -> AsyncIterator[AsyncSession]:
    async with services.db.session() as session:
        yield session


async def tenant_from_api_key(
    x_api_key: str = Header(..., alias="X-Api-Key"),
    services: Services = Depends(get_services),
) -> int:
    prefix, _, secret = x_api_key.partition(".")
    async with services.db.connection() as conn:
        row = await conn.fetchrow(
            "SELECT tenant_id, salt, key_hash FROM api_keys WHERE prefix = $1 AND NOT revoked", prefix
        )
    if row is None:
        raise InvalidCredentials("unknown api key")
    digest = hashlib.pbkdf2_hmac("sha256", secret.encode(), row["salt"], _API_KEY_ITERATIONS)
    if not hmac.compare_digest(digest, row["key_hash"]):
        raise InvalidCredentials("invalid api key")
    return row["tenant_id"]


async def portal_tenant(
    session_id: str = Header(..., alias="X-Portal-Session"),
    services: Services = Depends(get_services),
) -> int:
    tenant_id = await services.cache.get(f"portal:session:{session_id}")
    if tenant_id is None:
        raise InvalidCredentials("session expired")
    return int(tenant_id)
