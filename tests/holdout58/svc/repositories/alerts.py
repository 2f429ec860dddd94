from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from ..db.models import Alert, AlertRule, Device


class AlertRepository:
    def __init__(self, session: AsyncSession) -> None:
        self._session = session

    async def enabled_rules(self) -> list[AlertRule]:
        stmt = select(AlertRule).where(AlertRule.enabled.is_(True))
        return list((await self._session.execute(stmt)).scalars())

    async def device_ids_for_site(self, site_id: str) -> list[str]:
        stmt = select(Device.id).where(Device.site_id == site_id, Device.status == "active")
        return list((await self._session.execute(stmt)).scalars())

    async def open_alert_keys(self, rule_ids: list[str]) -> set[tuple[str, str]]:
        stmt = select(Alert.rule_id, Alert.device_id).where(
            Alert.rule_id.in_(rule_ids), Alert.acknowledged.is_(False)
        )
        return {(r, d) for r, d in (await self._session.execute(stmt)).all()}

    async def record(self, rule_id: str, device_id: str, value: float) -> Alert:
        alert = Alert(rule_id=rule_id, device_id=device_id, value=value)
        self._session.add(alert)
        await self._session.flush()
        return alert

    async def list_open(self, site_id: str, limit: int) -> list[Alert]:
        stmt = (
            select(Alert)
            .join(AlertRule, AlertRule.id == Alert.rule_id)
            .where(AlertRule.site_id == site_id, Alert.acknowledged.is_(False))
            .order_by(Alert.fired_at.desc())
            .limit(limit)
        )
        return list((await self._session.execute(stmt)).scalars())

    async def acknowledge(self, alert_id: int) -> bool:
        alert = await self._session.get(Alert, alert_id)
        if alert is None:
            return False
        alert.acknowledged = True
        await self._session.flush()
        return True
