from __future__ import annotations

import asyncio
from dataclasses import asdict, dataclass
from decimal import Decimal
import json
import logging
from typing import Any

from redis.asyncio import Redis
from redis.exceptions import RedisError

from svc.clients.geocoder import Geocoder
from svc.clients.payment_provider import PaymentProviderClient
from svc.errors import DomainError, NotFound
from svc.repos.accounts import AccountsRepo
from svc.repos.bills import BillsRepo
from svc.repos.readings import ReadingsRepo

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class AccountView:
    id: int
    account_no: str
    customer_name: str
    postcode: str
    tariff_code: str
    status: str
    provider_customer_id: str | None
    meter_serials: tuple[str, ...]


_views: dict[int, AccountView] = {}


class AccountService:
    def __init__(self, accounts: AccountsRepo, bills: BillsRepo, provider: PaymentProviderClient, geocoder: Geocoder) -> None:
        self._accounts = accounts
        self._bills = bills
        self._provider = provider
        self._geo = geocoder

    async def view(self, account_id: int) -> AccountView:
        cached = _views.get(account_id)
        if cached is not None:
            return cached
        account = await self._accounts.with_meters(account_id)
        if account is None:
            raise NotFound(f"account {account_id}")
        view = AccountView(
            id=account.id,
            account_no=account.account_no,
            customer_name=account.customer_name,
            postcode=account.postcode,
            tariff_code=account.tariff_code,
            status=account.status,
            provider_customer_id=account.provider_customer_id,
            meter_serials=tuple(m.serial for m in account.meters),
        )
        _views[account_id] = view
        return view

    async def summary(self, account_id: int) -> dict[str, Any]:
        view = await self.view(account_id)
        balance = await self._accounts.get_balance(account_id)
        bills = await self._bills.list_for_account(account_id, limit=6)
        methods: list[dict[str, Any]] = []
        if view.provider_customer_id:
            methods = await self._provider.list_payment_methods(view.provider_customer_id)
        return {
            "account": asdict(view),
            "balance_cents": balance,
            "recent_bills": [
                {"id": b.id, "period_start": b.period_start, "total_cents": b.total_cents, "status": b.status}
                for b in bills
            ],
            "payment_methods": [{"brand": m.get("brand"), "last4": m.get("last4")} for m in methods],
        }

    async def change_address(self, account_id: int, address: str) -> str:
        postcode = await asyncio.to_thread(self._geo.lookup, address)
        if postcode is None:
            raise DomainError("address not recognised")
        account = await self._accounts.get(account_id)
        if account is None:
            raise NotFound(f"account {account_id}")
        account.postcode = postcode
        await self._accounts.session.commit()
        _views.pop(account_id, None)
        return postcode


SNAPSHOT_TTL = 30


class LiveConsumption:
    """Latest consumption snapshot for the dashboard's first paint."""

    def __init__(self, redis: Redis, accounts: AccountsRepo, readings: ReadingsRepo) -> None:
        self._redis = redis
        self._accounts = accounts
        self._readings = readings

    async def snapshot(self, account_id: int) -> dict[str, Any]:
        key = f"live:snapshot:{account_id}"
        try:
            raw = await self._redis.get(key)
            if raw:
                return json.loads(raw)
        except RedisError as exc:
            logger.warning("redis unavailable for %s, using database: %s", key, exc)

        data = await self._from_db(account_id)
        try:
            await self._redis.set(key, json.dumps(data), ex=SNAPSHOT_TTL)
        except RedisError:
            logger.debug("could not cache snapshot %s", key)
        return data

    async def _from_db(self, account_id: int) -> dict[str, Any]:
        meter_ids = await self._accounts.meter_ids(account_id)
        series: dict[str, list[list[Any]]] = {}
        total = Decimal(0)
        for meter_id in meter_ids[:4]:
            rows = await self._readings.latest_for_meter(meter_id, limit=48)
            series[str(meter_id)] = [[r.read_at.isoformat(), str(r.kwh)] for r in reversed(rows)]
            total += sum((r.kwh for r in rows), Decimal(0))
        return {"account_id": account_id, "last_24h_kwh": str(total), "series": series}
