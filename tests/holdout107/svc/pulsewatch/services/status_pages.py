from __future__ import annotations

import html
import json
import re
from datetime import timedelta
from typing import Any, Optional
from uuid import UUID

import structlog
from redis.asyncio import Redis
from sqlalchemy import select
from sqlalchemy.exc import NoResultFound
from sqlalchemy.ext.asyncio import AsyncSession

from pulsewatch.clients.metrics import MetricsClient
from pulsewatch.db.models import StatusPage
from pulsewatch.errors import Conflict, PulsewatchError, StatusPageNotFound
from pulsewatch.repositories.monitors import MonitorRepository
from pulsewatch.repositories.status_pages import StatusPageRepository
from pulsewatch.services.incidents import IncidentService
from pulsewatch.timeutil import utcnow

log = structlog.get_logger(__name__)

_DOMAIN_RE = re.compile(r"^(?=.{4,253}$)([a-z0-9-]{1,63}\.)+[a-z]{2,63}$")
PUBLIC_VIEW_TTL_S = 15

_STATUS_RANK = {"down": 3, "degraded": 2, "maintenance": 1, "up": 0, "unknown": 0}


def overall_status(component_states: list[str]) -> str:
    if not component_states:
        return "operational"
    worst = max(component_states, key=lambda s: _STATUS_RANK.get(s, 0))
    return {"down": "major_outage", "degraded": "degraded", "maintenance": "maintenance"}.get(worst, "operational")


_BADGE_COLORS = {
    "operational": "#2da44e",
    "degraded": "#fbca04",
    "maintenance": "#0366d6",
    "major_outage": "#d93f0b",
}

_BADGE_TEMPLATE = (
    '<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="20" role="img" aria-label="{label}: {value}">'
    '<rect width="{label_w}" height="20" fill="#555"/>'
    '<rect x="{label_w}" width="{value_w}" height="20" fill="{color}"/>'
    '<g fill="#fff" text-anchor="middle" font-family="Verdana,Geneva,sans-serif" font-size="11">'
    '<text x="{label_x}" y="14">{label}</text><text x="{value_x}" y="14">{value}</text></g></svg>'
)


def render_badge(label: str, status: str) -> str:
    value = status.replace("_", " ")
    label_w = 6 * len(label) + 12
    value_w = 6 * len(value) + 12
    return _BADGE_TEMPLATE.format(
        width=label_w + value_w,
        label=html.escape(label),
        value=html.escape(value),
        label_w=label_w,
        value_w=value_w,
        color=_BADGE_COLORS.get(status, "#6a737d"),
        label_x=label_w / 2,
        value_x=label_w + value_w / 2,
    )


class StatusPageService:
    def __init__(
        self,
        session: AsyncSession,
        monitors: MonitorRepository,
        incidents: IncidentService,
        metrics: MetricsClient,
        redis: Redis,
    ) -> None:
        self._session = session
        self._pages = StatusPageRepository(session)
        self._monitors = monitors
        self._incidents = incidents
        self._metrics = metrics
        self._redis = redis

    async def get_page(self, org_id: UUID, page_id: UUID) -> StatusPage:
        try:
            result = await self._session.execute(
                select(StatusPage).where(StatusPage.id == page_id, StatusPage.org_id == org_id)
            )
            return result.scalar_one()
        except NoResultFound:
            raise StatusPageNotFound("status page not found")

    async def public_view(self, slug: str) -> dict[str, Any]:
        cache_key = f"pw:public-view:{slug}"
        cached = await self._redis.get(cache_key)
        if cached:
            return json.loads(cached)

        page = await self._pages.get_by_slug(slug)
        components = []
        for component in page.components:
            state = await self._monitors.get_state(component.monitor_id)
            components.append(
                {
                    "name": component.display_name,
                    "monitor_id": str(component.monitor_id),
                    "status": state["status"] if state else "unknown",
                }
            )
        monitor_ids = [c.monitor_id for c in page.components]
        now = utcnow()
        latency = await self._metrics.response_time_series([str(m) for m in monitor_ids], now - timedelta(days=1), now)
        view = {
            "title": page.title,
            "logo_url": page.logo_url,
            "theme": page.theme,
            "status": overall_status([c["status"] for c in components]),
            "components": components,
            "incidents": await self._incidents.recent_for_page(monitor_ids),
            "latency": {mid: points[-48:] for mid, points in latency.items()},
            "generated_at": now.isoformat(),
        }
        await self._redis.set(cache_key, json.dumps(view, default=str), ex=PUBLIC_VIEW_TTL_S)
        return view

    async def badge(self, slug: str) -> str:
        cache_key = f"pw:badge:{slug}"
        cached = await self._redis.get(cache_key)
        if cached:
            return cached
        page = await self._pages.get_by_slug(slug)
        states = await self._monitors.get_states(c.monitor_id for c in page.components)
        status = overall_status([s["status"] for s in states.values()])
        svg = render_badge(page.title[:40], status)
        await self._redis.set(cache_key, svg, ex=60)
        return svg

    async def claim_custom_domain(self, org_id: UUID, page_id: UUID, domain: str) -> None:
        domain = domain.strip().lower()
        if not _DOMAIN_RE.match(domain):
            raise PulsewatchError("invalid domain name")
        await self.get_page(org_id, page_id)
        if await self._pages.domain_taken(domain):
            raise Conflict("domain is already used by another status page")
        await self._pages.set_domain(page_id, domain)
        await self._session.commit()
        log.info("status_page.domain_claimed", page_id=str(page_id), domain=domain)

    async def set_components(self, org_id: UUID, page_id: UUID, components: list[dict[str, Any]]) -> None:
        page = await self.get_page(org_id, page_id)
        monitors = await self._monitors.get_many(c["monitor_id"] for c in components)
        if any(m["org_id"] != org_id for m in monitors) or len(monitors) != len({c["monitor_id"] for c in components}):
            raise PulsewatchError("unknown monitor in components")
        await self._session.refresh(page, attribute_names=["components"])
        await self._pages.replace_components(page, components)
        await self._session.commit()
        await self._redis.delete(f"pw:public-view:{page.slug}")

    async def create(self, org_id: UUID, slug: str, title: str, theme: Optional[dict] = None) -> StatusPage:
        page = await self._pages.create(org_id, slug.lower(), title, theme or {})
        await self._session.commit()
        return page
