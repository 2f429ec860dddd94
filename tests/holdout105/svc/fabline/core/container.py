"""Process-wide singletons wired at startup and stored on app.state.container."""
from __future__ import annotations

from dataclasses import dataclass

import asyncpg
import redis.asyncio as aioredis
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from fabline.clients.erp_client import ErpClient
from fabline.clients.mes_notify_client import NotifyClient
from fabline.clients.metrology_client import MetrologyClient
from fabline.clients.secsgem_gateway import SecsGemGateway
from fabline.core.settings import Settings
from fabline.repositories.dispatch_repo import DispatchRepository
from fabline.repositories.erp_outbox_repo import ErpOutboxRepository
from fabline.repositories.tool_repo import ToolEventRepository
from fabline.repositories.yield_repo import YieldRepository
from fabline.services.alarm_service import AlarmService
from fabline.services.audit_service import AuditService
from fabline.services.dispatch_service import DispatchService
from fabline.services.erp_service import ErpService
from fabline.services.tool_state_service import ToolStateService
from fabline.services.yield_service import YieldService
from fabline.ws.hub import ConnectionHub


@dataclass
class Container:
    settings: Settings
    pool: asyncpg.Pool
    redis: aioredis.Redis
    sessions: async_sessionmaker[AsyncSession]
    erp: ErpClient
    gateway: SecsGemGateway
    notify: NotifyClient
    metrology: MetrologyClient
    audit: AuditService
    alarms: AlarmService
    tool_state: ToolStateService
    dispatch: DispatchService
    yields: YieldService
    erp_service: ErpService
    hub: ConnectionHub

    @classmethod
    async def build(
        cls,
        settings: Settings,
        pool: asyncpg.Pool,
        redis: aioredis.Redis,
        sessions: async_sessionmaker[AsyncSession],
    ) -> "Container":
        gateway = SecsGemGateway(settings.gateway_base_url)
        await gateway.start()
        notify = NotifyClient(settings.notify_base_url)
        await notify.start()
        erp = ErpClient(settings.erp_base_url, settings.erp_api_token)
        metrology = MetrologyClient(settings.metrology_base_url)
        audit = AuditService(redis, settings.audit_log_path)
        return cls(
            settings=settings,
            pool=pool,
            redis=redis,
            sessions=sessions,
            erp=erp,
            gateway=gateway,
            notify=notify,
            metrology=metrology,
            audit=audit,
            alarms=AlarmService(redis, notify, settings),
            tool_state=ToolStateService(
                redis, ToolEventRepository(pool), sessions, settings.tool_status_channel
            ),
            dispatch=DispatchService(sessions, redis, DispatchRepository(pool)),
            yields=YieldService(YieldRepository(pool), sessions, metrology),
            erp_service=ErpService(erp, ErpOutboxRepository(pool)),
            hub=ConnectionHub(redis, settings.tool_status_channel),
        )

    async def close(self) -> None:
        await self.gateway.close()
        await self.notify.close()
        await self.erp.aclose()
        await self.metrology.aclose()
