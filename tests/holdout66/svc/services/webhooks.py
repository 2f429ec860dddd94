"""Directory webhooks: fan-out of show/episode events to subscribed directories."""
from __future__ import annotations

import json
import logging

from svc.config import settings
from svc.db.engine import SessionLocal
from svc.db.models import Episode, Show, WebhookDelivery
from svc.repositories.webhooks import WebhookRepository

log = logging.getLogger(__name__)


def episode_payload(show: Show, episode: Episode) -> dict:
    return {
        "type": "episode.published",
        "show": {"id": show.id, "slug": show.slug, "feed_url": f"{settings.public_base_url}/feeds/{show.slug}.xml"},
        "episode": {
            "id": episode.id,
            "guid": episode.guid,
            "title": episode.title,
            "published_at": episode.published_at.isoformat() if episode.published_at else None,
        },
    }


class WebhookService:
    async def notify_episode_published(self, show: Show, episode: Episode) -> int:
        payload = json.dumps(episode_payload(show, episode))
        event_id = f"episode-{episode.id}-published"
        async with SessionLocal() as session:
            repo = WebhookRepository(session)
            subs = await repo.subscriptions_for_show(show.id)
            await repo.enqueue(
                [WebhookDelivery(subscription_id=s.id, event_id=event_id, payload=payload) for s in subs]
            )
            await session.commit()
        log.info("queued %d webhook deliveries for %s", len(subs), event_id)
        return len(subs)

    async def notify_show_updated(self, show: Show) -> int:
        payload = json.dumps({"type": "show.updated", "show": {"id": show.id, "slug": show.slug}})
        event_id = f"show-{show.id}-updated-{int(show.updated_at.timestamp())}"
        async with SessionLocal() as session:
            repo = WebhookRepository(session)
            subs = await repo.subscriptions_for_show(show.id)
            await repo.enqueue(
                [WebhookDelivery(subscription_id=s.id, event_id=event_id, payload=payload) for s in subs]
            )
            await session.commit()
        return len(subs)
