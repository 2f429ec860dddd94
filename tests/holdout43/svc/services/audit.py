from __future__ import annotations

import logging

from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.ext.asyncio import AsyncSession

from svc.db.models import AuditLog

log = logging.getLogger(__name__)


class AuditTrail:
    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    async def record(self, company_id: int, actor_id: int | None, action: str, entity: str, entity_id: int, **data) -> None:
        try:
            async with self.session.begin_nested():
                self.session.add(
                    AuditLog(
                        company_id=company_id,
                        actor_id=actor_id,
                        action=action,
                        entity=entity,
                        entity_id=entity_id,
                        data=data or None,
                    )
                )
        except SQLAlchemyError:
            pass
