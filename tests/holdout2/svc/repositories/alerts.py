"""Alert rules and fired alerts (SQLAlchemy ORM)."""
from __future__ import annotations

import uuid
from datetime import datetime, timezone
from typing import Any

from sqlalchemy import select, update
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker
from sqlalchemy.orm import selectinload

from svc.errors import ConflictError
from svc.models.schemas import AlertRuleIn
from svc.models.tables import Alert, AlertRule


class AlertsRepository:
    def __init__(self, sessions: async_sessionmaker[AsyncSession]) -> None:
        self._sessions = sessions

    async def enabled_rules(self) -> list[AlertRule]:
        async with self._sessions() as session:
            result = await session.scalars(select(AlertRule).where(AlertRule.enabled.is_(True)))
            return list(result)

    async def rules_for_tenant(self, tenant_id: uuid.UUID) -> list[AlertRule]:
        async with self._sessions() as session:
            result = await session.scalars(
                select(AlertRule)
                .where(AlertRule.tenant_id == tenant_id)
                .options(selectinload(AlertRule.device))
                .order_by(AlertRule.id)
            )
            return list(result)

    async def create_rule(self, tenant_id: uuid.UUID, data: AlertRuleIn) -> AlertRule:
        async with self._sessions() as session:
            duplicate = select(AlertRule.id).where(
                AlertRule.tenant_id == tenant_id,
                AlertRule.device_id == data.device_id,
                AlertRule.metric == data.metric,
            )
            if await session.scalar(duplicate) is not None:
                raise ConflictError(f"a rule for {data.metric} already exists on this device")
            rule = AlertRule(tenant_id=tenant_id, **data.model_dump())
            session.add(rule)
            await session.commit()
            return rule

    async def create_alert(
        self,
        tenant_id: uuid.UUID,
        device_id: uuid.UUID,
        rule_id: int,
        severity: str,
        message: str,
        value: float,
    ) -> Alert:
        async with self._sessions() as session:
            alert = Alert(
                tenant_id=tenant_id,
                device_id=device_id,
                rule_id=rule_id,
                severity=severity,
                message=message,
                value=value,
            )
            session.add(alert)
            await session.commit()
            return alert

    async def for_device(self, device_id: uuid.UUID, *, limit: int = 100) -> list[Alert]:
        async with self._sessions() as session:
            stmt = select(Alert).where(Alert.device_id == device_id).order_by(Alert.created_at.desc()).limit(limit)
            return list(await session.scalars(stmt))

    async def for_rule(self, rule_id: int, *, limit: int = 100) -> list[Alert]:
        async with self._sessions() as session:
            stmt = select(Alert).where(Alert.rule_id == rule_id).order_by(Alert.created_at.desc()).limit(limit)
            return list(await session.scalars(stmt))

    async def recent_with_devices(self, tenant_id: uuid.UUID, *, limit: int = 50) -> list[dict[str, Any]]:
        async with self._sessions() as session:
            alerts = (
                await session.scalars(
                    select(Alert)
                    .where(Alert.tenant_id == tenant_id)
                    .order_by(Alert.created_at.desc())
                    .limit(limit)
                )
            ).all()
            out: list[dict[str, Any]] = []
            for alert in alerts:
                device = await alert.awaitable_attrs.device
                out.append(
                    {
                        "id": alert.id,
                        "severity": alert.severity,
                        "message": alert.message,
                        "created_at": alert.created_at,
                        "device": {"id": device.id, "name": device.name, "serial": device.serial},
                    }
                )
            return out

    async def acknowledge(self, tenant_id: uuid.UUID, alert_id: int, user: str) -> bool:
        async with self._sessions() as session:
            result = await session.execute(
                update(Alert)
                .where(Alert.id == alert_id, Alert.tenant_id == tenant_id, Alert.acknowledged_at.is_(None))
                .values(acknowledged_at=datetime.now(timezone.utc), acknowledged_by=user)
            )
            await session.commit()
            return result.rowcount == 1
