"""Live monitoring: fan-out of study and site events to connected dashboards, and the
study dashboard (enrolment progress and open data queries per site).

Events are published on Redis by whichever replica produced them; every replica
subscribes and delivers to the sockets it holds.
"""
from __future__ import annotations

import asyncio
import json
import logging
from collections import defaultdict
from dataclasses import dataclass
from typing import Any

from fastapi import WebSocket
from redis.asyncio import Redis
from starlette.websockets import WebSocketDisconnect

from svc.clients.sponsor import SponsorGateway
from svc.config import Settings
from svc.db.pool import Database
from svc.errors import NotFound
from svc.repositories.forms import QueryRepository

log = logging.getLogger(__name__)

ALERT_OUTBOX_SIZE = 100
DASHBOARD_TTL_SECONDS = 60


class MonitoringHub:
    def __init__(self, settings: Settings, cache: Redis) -> None:
        self._cache = cache
        self._max_connections = settings.ws_max_connections
        self._feeds: dict[int, set[WebSocket]] = defaultdict(set)
        self._alerts: dict[int, dict[WebSocket, asyncio.Queue[dict[str, Any]]]] = defaultdict(dict)
        self._inbox: asyncio.Queue[dict[str, Any]] = asyncio.Queue()
        self._viewers: dict[int, int] = defaultdict(int)
        self._subs_lock = asyncio.Lock()
        self._stats_lock = asyncio.Lock()
        self._alerts_lock = asyncio.Lock()

    @property
    def connection_count(self) -> int:
        return sum(len(s) for s in self._feeds.values()) + sum(len(a) for a in self._alerts.values())

    async def join_feed(self, study_id: int, ws: WebSocket) -> bool:
        async with self._subs_lock:
            if self.connection_count >= self._max_connections:
                return False
            self._feeds[study_id].add(ws)
            await self._cache.sadd("edc:monitor:studies", study_id)
            async with self._stats_lock:
                self._viewers[study_id] += 1
        return True

    async def leave_feed(self, study_id: int, ws: WebSocket) -> None:
        async with self._subs_lock:
            if ws in self._feeds.get(study_id, ()):
                self._feeds[study_id].discard(ws)
                async with self._stats_lock:
                    self._viewers[study_id] -= 1

    async def publish_viewer_stats(self) -> dict[int, int]:
        async with self._stats_lock:
            stats = dict(self._viewers)
            await self._cache.hset("edc:monitor:viewers", mapping={str(k): v for k, v in stats.items()})
            async with self._subs_lock:  # prune feeds nobody watches any more
                idle = [study_id for study_id, sockets in self._feeds.items() if not sockets]
                for study_id in idle:
                    del self._feeds[study_id]
        return stats

    async def register_alerts(self, site_id: int, ws: WebSocket) -> asyncio.Queue[dict[str, Any]]:
        outbox: asyncio.Queue[dict[str, Any]] = asyncio.Queue(maxsize=ALERT_OUTBOX_SIZE)
        async with self._alerts_lock:
            self._alerts[site_id][ws] = outbox
        return outbox

    def unregister_alerts(self, site_id: int, ws: WebSocket) -> None:
        self._alerts.get(site_id, {}).pop(ws, None)

    async def pump(self) -> None:
        """Move events from Redis pub/sub into the local inbox."""
        pubsub = self._cache.pubsub(ignore_subscribe_messages=True)
        await pubsub.psubscribe("edc:monitor:*", "edc:alerts:*")
        async for message in pubsub.listen():
            channel: str = message["channel"]
            event = json.loads(message["data"])
            event["channel"] = "alert" if channel.startswith("edc:alerts:") else "feed"
            if event["channel"] == "feed":
                event.setdefault("study_id", int(channel.rsplit(":", 1)[1]))
            await self._inbox.put(event)

    async def dispatch(self) -> None:
        while True:
            event = await self._inbox.get()
            if event["channel"] == "alert":
                self._deliver_alert(event["site_id"], event)
            else:
                await self._deliver_feed(event["study_id"], event)

    def _deliver_alert(self, site_id: int, event: dict[str, Any]) -> None:
        for outbox in self._alerts.get(site_id, {}).values():
            try:
                outbox.put_nowait(event)
            except asyncio.QueueFull:
                log.warning("alert outbox full for a site %s client, dropping %s", site_id, event.get("type"))

    async def _deliver_feed(self, study_id: int, event: dict[str, Any]) -> None:
        for ws in list(self._feeds.get(study_id, ())):
            try:
                await ws.send_json(event)
            except (WebSocketDisconnect, RuntimeError):
                await self.leave_feed(study_id, ws)


@dataclass(frozen=True, slots=True)
class Viewer:
    user_id: str
    roles: frozenset[str]
    site_ids: frozenset[int]

    def can_view_site(self, site_id: int) -> bool:
        return "sponsor-monitor" in self.roles or site_id in self.site_ids


class DashboardService:
    def __init__(self, db: Database, queries: QueryRepository, sponsor: SponsorGateway, cache: Redis) -> None:
        self._db = db
        self._queries = queries
        self._sponsor = sponsor
        self._cache = cache

    async def site_overview(self, study_id: int, viewer: Viewer) -> dict[str, Any]:
        cache_key = f"edc:dashboard:{study_id}"
        cached = await self._cache.get(cache_key)
        if cached is not None:
            return json.loads(cached)
        async with self._db.connection() as conn:
            protocol_code = await conn.fetchval("SELECT protocol_code FROM studies WHERE id = $1", study_id)
            if protocol_code is None:
                raise NotFound(f"study {study_id} not found")
            sites = await conn.fetch(
                "SELECT s.id, s.site_number, s.name, count(p.id) FILTER (WHERE p.status IN ('enrolled', 'randomised')) AS enrolled"
                " FROM sites s LEFT JOIN participants p ON p.site_id = s.id WHERE s.study_id = $1 GROUP BY s.id ORDER BY s.site_number",
                study_id,
            )
            visible = [s for s in sites if viewer.can_view_site(s["id"])]
            open_queries: dict[int, int] = {}
            for site in visible:
                open_queries[site["id"]] = await self._queries.count_open_for_site(conn, site["id"])
        targets = await self._sponsor.enrolment_targets(protocol_code)
        overview = {
            "study": protocol_code,
            "sites": [
                {
                    "site": s["site_number"],
                    "name": s["name"],
                    "enrolled": s["enrolled"],
                    "target": targets.get(s["site_number"]),
                    "open_queries": open_queries[s["id"]],
                }
                for s in visible
            ],
        }
        await self._cache.set(cache_key, json.dumps(overview), ex=DASHBOARD_TTL_SECONDS)
        return overview

    async def query_backlog(self, site_ids: list[int]) -> dict[int, int]:
        cache_key = "edc:backlog:" + ",".join(str(i) for i in sorted(site_ids))
        if (cached := await self._cache.get(cache_key)) is not None:
            return {int(k): v for k, v in json.loads(cached).items()}
        async with self._db.connection() as conn:
            counts = await self._queries.open_counts_by_site(conn, site_ids)
        await self._cache.set(cache_key, json.dumps(counts), ex=DASHBOARD_TTL_SECONDS)
        return counts
