from __future__ import annotations

import hashlib
import hmac
import uuid
from collections.abc import AsyncIterator
from dataclasses import dataclass
from typing import Annotated

import bcrypt
from redis.asyncio import Redis
from fastapi import Depends, Header, HTTPException, Request
from sqlalchemy.ext.asyncio import AsyncSession

from svc.clients.email import EmailClient
from svc.clients.tax import TaxClient
from svc.config import Settings
from svc.db.engine import Database
from svc.db.invoices_repo import InvoiceRepository
from svc.db.ledger_repo import CustomerRepository, PaymentRepository, StatementRepository
from svc.services.documents import DocumentService, ObjectStorage
from svc.services.dunning import DunningService
from svc.services.events import PaymentEventHub, WebhookDispatcher
from svc.services.fx import FxClient, FxService
from svc.services.invoicing import AuditLog, InvoiceService
from svc.services.payments import PaymentService
from svc.services.reconciliation import ReconciliationService
from svc.services.reporting import ReportingService
from svc.services.tax import TaxService


@dataclass(slots=True)
class Container:
    settings: Settings
    db: Database
    cache_redis: Redis
    lock_redis: Redis
    tax_client: TaxClient
    email: EmailClient
    fx_client: FxClient
    storage: ObjectStorage
    customers: CustomerRepository
    payments_repo: PaymentRepository
    statements: StatementRepository
    tax: TaxService
    fx: FxService
    documents: DocumentService
    hub: PaymentEventHub
    webhooks: WebhookDispatcher
    audit: AuditLog
    payments: PaymentService
    reconciliation: ReconciliationService
    dunning: DunningService
    reporting: ReportingService


@dataclass(frozen=True, slots=True)
class ApiClient:
    tenant_id: uuid.UUID
    client_id: str
    scopes: frozenset[str]


def get_container(request: Request) -> Container:
    return request.app.state.container


ContainerDep = Annotated[Container, Depends(get_container)]


async def get_session(container: ContainerDep) -> AsyncIterator[AsyncSession]:
    async with container.db.session() as session:
        yield session


async def require_client(
    container: ContainerDep,
    x_client_id: Annotated[str, Header()],
    x_client_secret: Annotated[str, Header()],
) -> ApiClient:
    async with container.db.connection() as conn:
        row = await conn.fetchrow(
            "SELECT tenant_id, secret_hash, scopes FROM api_clients WHERE client_id = $1 AND revoked_at IS NULL",
            x_client_id,
        )
    if row is None:
        raise HTTPException(status_code=401, detail="unknown client")
    if not bcrypt.checkpw(x_client_secret.encode(), row["secret_hash"].encode()):
        raise HTTPException(status_code=401, detail="invalid credentials")
    return ApiClient(tenant_id=row["tenant_id"], client_id=x_client_id, scopes=frozenset(row["scopes"]))


def require_admin(
    container: ContainerDep,
    x_admin_token: Annotated[str, Header()],
) -> None:
    expected = bytes.fromhex(container.settings.admin_token_scrypt)
    derived = hashlib.scrypt(x_admin_token.encode(), salt=b"ar-admin", n=2**14, r=8, p=1)
    if not hmac.compare_digest(derived, expected):
        raise HTTPException(status_code=403, detail="admin token required")


Client = Annotated[ApiClient, Depends(require_client)]
Session = Annotated[AsyncSession, Depends(get_session)]


def invoice_service(container: ContainerDep, session: Session) -> InvoiceService:
    return InvoiceService(
        InvoiceRepository(session),
        container.customers,
        container.payments_repo,
        container.tax,
        container.documents,
        container.audit,
    )


InvoiceServiceDep = Annotated[InvoiceService, Depends(invoice_service)]
