from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from typing import Any

from sqlalchemy import select, update
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import selectinload

from svc.db.models import Account, Meter, Tariff


class AccountsRepo:
    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    async def get(self, account_id: int) -> Account | None:
        return await self.session.get(Account, account_id)

    async def by_number(self, account_no: str) -> Account | None:
        res = await self.session.execute(select(Account).where(Account.account_no == account_no))
        return res.scalar_one_or_none()

    async def get_many(self, ids: Sequence[int]) -> dict[int, Account]:
        if not ids:
            return {}
        res = await self.session.execute(select(Account).where(Account.id.in_(set(ids))))
        return {a.id: a for a in res.scalars()}

    async def with_meters(self, account_id: int) -> Account | None:
        res = await self.session.execute(
            select(Account).options(selectinload(Account.meters)).where(Account.id == account_id)
        )
        return res.scalar_one_or_none()

    async def billable(self, region_postcode_prefix: str | None = None) -> list[Account]:
        stmt = select(Account).options(selectinload(Account.meters)).where(Account.status == "active")
        if region_postcode_prefix:
            stmt = stmt.where(Account.postcode.startswith(region_postcode_prefix))
        res = await self.session.execute(stmt.order_by(Account.id))
        return list(res.scalars())

    async def in_postcode(self, postcode: str) -> list[Account]:
        res = await self.session.execute(
            select(Account).where(Account.postcode == postcode, Account.status == "active")
        )
        return list(res.scalars())

    async def get_balance(self, account_id: int) -> int:
        res = await self.session.execute(select(Account.balance_cents).where(Account.id == account_id))
        return res.scalar_one()

    async def set_balance(self, account_id: int, balance_cents: int) -> None:
        await self.session.execute(
            update(Account).where(Account.id == account_id).values(balance_cents=balance_cents)
        )

    async def adjust_balance(self, account_id: int, delta_cents: int) -> int:
        res = await self.session.execute(
            update(Account)
            .where(Account.id == account_id)
            .values(balance_cents=Account.balance_cents + delta_cents)
            .returning(Account.balance_cents)
        )
        return res.scalar_one()

    async def lock_for_update(self, account_ids: Sequence[int]) -> list[Account]:
        res = await self.session.execute(
            select(Account).where(Account.id.in_(account_ids)).order_by(Account.id).with_for_update()
        )
        return list(res.scalars())

    async def meter_ids(self, account_id: int) -> list[int]:
        res = await self.session.execute(select(Meter.id).where(Meter.account_id == account_id))
        return list(res.scalars())


class MetersRepo:
    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    async def get_by_serial(self, serial: str) -> Meter | None:
        res = await self.session.execute(select(Meter).where(Meter.serial == serial))
        return res.scalar_one_or_none()

    async def get_many_by_serial(self, serials: Iterable[str]) -> dict[str, Meter]:
        wanted = set(serials)
        if not wanted:
            return {}
        res = await self.session.execute(select(Meter).where(Meter.serial.in_(wanted)))
        return {m.serial: m for m in res.scalars()}

    async def for_account(self, account_id: int) -> list[Meter]:
        res = await self.session.execute(select(Meter).where(Meter.account_id == account_id).order_by(Meter.id))
        return list(res.scalars())

    async def on_gateway(self, gateway_id: str) -> list[Meter]:
        res = await self.session.execute(select(Meter).where(Meter.gateway_id == gateway_id))
        return list(res.scalars())

    async def silent_since(self, cutoff: dt.datetime, limit: int = 5000) -> list[Meter]:
        res = await self.session.execute(
            select(Meter)
            .where((Meter.last_read_at < cutoff) | (Meter.last_read_at.is_(None)))
            .order_by(Meter.id)
            .limit(limit)
        )
        return list(res.scalars())

class TariffsRepo:
    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    async def get(self, code: str) -> Tariff | None:
        return await self.session.get(Tariff, code)

    async def all(self) -> list[Tariff]:
        res = await self.session.execute(select(Tariff).order_by(Tariff.code))
        return list(res.scalars())

    async def update(self, code: str, **values: Any) -> None:
        await self.session.execute(
            update(Tariff).where(Tariff.code == code).values(version=Tariff.version + 1, **values)
        )

    async def accounts_on(self, code: str) -> list[int]:
        res = await self.session.execute(select(Account.id).where(Account.tariff_code == code))
        return list(res.scalars())
