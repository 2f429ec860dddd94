"""Charge points, connectors, sites and tariffs."""
from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime

from sqlalchemy import func, select, update

from svc.db.models import ChargePoint, Connector, Site, Tariff
from svc.db.repositories.base import BaseRepository


class ChargePointRepository(BaseRepository[ChargePoint]):
    model = ChargePoint

    async def get_connector(self, chargepoint_id: str, connector_no: int) -> Connector | None:
        stmt = select(Connector).where(
            Connector.chargepoint_id == chargepoint_id, Connector.connector_no == connector_no
        )
        return (await self._db.execute(stmt)).scalar_one_or_none()

    async def get_connector_for_update(self, chargepoint_id: str, connector_no: int) -> Connector | None:
        stmt = (
            select(Connector)
            .where(Connector.chargepoint_id == chargepoint_id, Connector.connector_no == connector_no)
            .with_for_update()
        )
        return (await self._db.execute(stmt)).scalar_one_or_none()

    async def list_page(self, *, after: str | None = None, limit: int = 100) -> list[ChargePoint]:
        stmt = select(ChargePoint).order_by(ChargePoint.id).limit(limit)
        if after is not None:
            stmt = stmt.where(ChargePoint.id > after)
        return list((await self._db.scalars(stmt)).all())

    async def search(self, q: str, *, limit: int = 50) -> list[ChargePoint]:
        stmt = select(ChargePoint).where(ChargePoint.address.ilike(f"%{q}%")).limit(limit)
        return list((await self._db.scalars(stmt)).all())

    async def list_for_site(self, site_id: int) -> list[ChargePoint]:
        stmt = select(ChargePoint).where(ChargePoint.site_id == site_id).order_by(ChargePoint.id)
        return list((await self._db.scalars(stmt)).all())

    async def connector_count(self, chargepoint_id: str) -> int:
        stmt = select(func.count()).select_from(Connector).where(Connector.chargepoint_id == chargepoint_id)
        return int(await self._db.scalar(stmt) or 0)

    async def connector_counts(self, chargepoint_ids: Iterable[str]) -> dict[str, int]:
        ids = list(chargepoint_ids)
        if not ids:
            return {}
        stmt = (
            select(Connector.chargepoint_id, func.count())
            .where(Connector.chargepoint_id.in_(ids))
            .group_by(Connector.chargepoint_id)
        )
        return {cp_id: int(count) for cp_id, count in (await self._db.execute(stmt)).all()}

    async def set_connector_status(self, chargepoint_id: str, connector_no: int, status: str) -> None:
        await self._db.execute(
            update(Connector)
            .where(Connector.chargepoint_id == chargepoint_id, Connector.connector_no == connector_no)
            .values(status=status)
        )

    async def touch_heartbeat(self, chargepoint_id: str, at: datetime) -> None:
        await self._db.execute(
            update(ChargePoint).where(ChargePoint.id == chargepoint_id).values(last_heartbeat_at=at)
        )

    async def get_site(self, site_id: int) -> Site | None:
        return await self._db.get(Site, site_id)

    async def list_sites(self) -> list[Site]:
        return list((await self._db.scalars(select(Site).order_by(Site.id))).all())


class TariffRepository(BaseRepository[Tariff]):
    model = Tariff

    async def get_many(self, ids: Iterable[int]) -> dict[int, Tariff]:
        wanted = set(ids)
        if not wanted:
            return {}
        rows = await self._db.scalars(select(Tariff).where(Tariff.id.in_(wanted)))
        return {tariff.id: tariff for tariff in rows}

    async def list_active(self) -> list[Tariff]:
        return list((await self._db.scalars(select(Tariff).where(Tariff.active.is_(True)))).all())
