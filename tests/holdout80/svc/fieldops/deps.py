from __future__ import annotations

from collections.abc import AsyncIterator
from dataclasses import dataclass

import jwt
from fastapi import Depends, Header, HTTPException, Request
from sqlalchemy.ext.asyncio import AsyncSession

from fieldops.cache.store import JsonCache
from fieldops.clients.maps import Geocoder
from fieldops.repositories.contracts import ContractRepository
from fieldops.repositories.customers import CustomerRepository
from fieldops.repositories.inventory import InventoryRepository
from fieldops.repositories.invoices import InvoiceRepository, QuoteRepository
from fieldops.repositories.outbox import OutboxRepository
from fieldops.repositories.sites import SiteRepository
from fieldops.repositories.technicians import TechnicianRepository
from fieldops.repositories.work_orders import WorkOrderRepository
from fieldops.services.contracts import ContractService
from fieldops.services.customers import CustomerService
from fieldops.services.dispatch import DispatchService
from fieldops.services.inventory import InventoryService
from fieldops.services.invoicing import InvoicingService
from fieldops.services.notifications import NotificationService
from fieldops.services.payments import PaymentService
from fieldops.services.quotes import QuoteService
from fieldops.services.scheduling import SchedulingService
from fieldops.services.work_orders import WorkOrderService
from fieldops.utils.security import decode_token


@dataclass(frozen=True)
class CurrentUser:
    user_id: int
    account_id: int
    role: str


async def get_session(request: Request) -> AsyncIterator[AsyncSession]:
    async with request.app.state.sessionmaker() as session:
        try:
            yield session
            await session.commit()
        except Exception:
            await session.rollback()
            raise


def current_user(request: Request, authorization: str = Header(default="")) -> CurrentUser:
    scheme, _, token = authorization.partition(" ")
    if scheme.lower() != "bearer" or not token:
        raise HTTPException(status_code=401, detail="missing bearer token")
    try:
        claims = decode_token(request.app.state.settings.jwt_secret, token)
    except jwt.PyJWTError as exc:
        raise HTTPException(status_code=401, detail="invalid token") from exc
    return CurrentUser(user_id=int(claims["sub"]), account_id=int(claims["acc"]), role=claims["role"])


def require_dispatcher(user: CurrentUser = Depends(current_user)) -> CurrentUser:
    if user.role not in ("dispatcher", "admin"):
        raise HTTPException(status_code=403, detail="dispatcher role required")
    return user


def notification_service(request: Request) -> NotificationService:
    state = request.app.state
    return NotificationService(state.sms, state.email, OutboxRepository(state.pg_pool))


def customer_service(request: Request, session: AsyncSession = Depends(get_session)) -> CustomerService:
    state = request.app.state
    return CustomerService(CustomerRepository(session), SiteRepository(session), JsonCache(state.redis), Geocoder(state.maps))


def work_order_service(session: AsyncSession = Depends(get_session)) -> WorkOrderService:
    return WorkOrderService(WorkOrderRepository(session), SiteRepository(session))


def scheduling_service(request: Request, session: AsyncSession = Depends(get_session)) -> SchedulingService:
    state = request.app.state
    return SchedulingService(
        WorkOrderRepository(session), SiteRepository(session), state.redis, state.executor, state.route_state
    )


def dispatch_service(
    request: Request,
    session: AsyncSession = Depends(get_session),
    scheduler: SchedulingService = Depends(scheduling_service),
    notifications: NotificationService = Depends(notification_service),
) -> DispatchService:
    state = request.app.state
    return DispatchService(
        WorkOrderRepository(session),
        TechnicianRepository(session),
        SiteRepository(session),
        CustomerRepository(session),
        scheduler,
        state.location_hub,
        state.board,
        state.maps,
        notifications,
        state.background,
    )


def inventory_service(request: Request, session: AsyncSession = Depends(get_session)) -> InventoryService:
    state = request.app.state
    return InventoryService(InventoryRepository(session), state.redis, state.supplier, state.location_locks)


def quote_service(request: Request, session: AsyncSession = Depends(get_session)) -> QuoteService:
    state = request.app.state
    return QuoteService(QuoteRepository(session), InventoryRepository(session), state.supplier, JsonCache(state.redis))


def invoicing_service(
    request: Request,
    session: AsyncSession = Depends(get_session),
    notifications: NotificationService = Depends(notification_service),
) -> InvoicingService:
    state = request.app.state
    return InvoicingService(
        InvoiceRepository(session),
        CustomerRepository(session),
        state.payments,
        notifications,
        state.settings.invoice_template_dir,
    )


def payment_service(request: Request, session: AsyncSession = Depends(get_session)) -> PaymentService:
    return PaymentService(request.app.state.payments, InvoiceRepository(session))


def contract_service(
    session: AsyncSession = Depends(get_session),
    work_orders: WorkOrderService = Depends(work_order_service),
    notifications: NotificationService = Depends(notification_service),
) -> ContractService:
    return ContractService(ContractRepository(session), CustomerRepository(session), work_orders, notifications)
