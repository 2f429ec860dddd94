from __future__ import annotations

from sqlalchemy import or_, select

from svc.db.models import Webhook
from svc.repositories.base import BaseRepository


class WebhookRepository(BaseRepository[Webhook]):
    model = Webhook

    async def active_for_event(self, workspace_id: int, channel_id: int | None, event: str) -> list[Webhook]:
        stmt = select(Webhook).where(
            Webhook.workspace_id == workspace_id,
            Webhook.active.is_(True),
            or_(Webhook.channel_id.is_(None), Webhook.channel_id == channel_id),
        )
        hooks = (await self.session.scalars(stmt)).all()
        return [h for h in hooks if event in h.events]
