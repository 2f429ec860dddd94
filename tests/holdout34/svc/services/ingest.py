"""Ingestion of provider events: normalise, dedupe, persist, update live state, fan out."""
from __future__ import annotations

import logging
from collections.abc import Iterable
from datetime import date
from typing import Any

from redis.asyncio import Redis

from svc.clients.feed_alpha import FeedAlphaClient
from svc.clients.feed_beta import FeedBetaClient
from svc.db.models import Match, MatchEvent
from svc.db.repositories.events import EventRepository
from svc.errors import UpstreamError
from svc.services.hub import LiveHub
from svc.services.scores import ScoreBoard
from svc.services.webhooks import WebhookService
from svc.utils.feed_parser import AliasTable, NormalizedEvent, normalize

logger = logging.getLogger(__name__)

NOTIFY_STREAM = "notify:goals"


class IngestService:
    def __init__(
        self,
        alpha: FeedAlphaClient,
        beta: FeedBetaClient,
        events: EventRepository,
        scores: ScoreBoard,
        hub: LiveHub,
        webhooks: WebhookService,
        redis: Redis,
        aliases: AliasTable,
    ) -> None:
        self._alpha = alpha
        self._beta = beta
        self._events = events
        self._scores = scores
        self._hub = hub
        self._webhooks = webhooks
        self._redis = redis
        self._aliases = aliases

    async def poll_match(self, match: Match) -> int:
        """Pull the latest events for one live match from the primary provider."""
        if match.alpha_id is None:
            return 0
        raw_events = await self._alpha.fetch_match_events(match.alpha_id)
        return await self.ingest_batch(match, "alpha", raw_events)

    async def ingest_batch(self, match: Match, provider: str, raw_events: Iterable[dict[str, Any]]) -> int:
        known = await self._events.known_provider_ids(match.id, provider)
        fresh: list[NormalizedEvent] = []
        accepted: list[str] = []
        for raw in raw_events:
            event = normalize(provider, raw)
            if event is None or event.provider_event_id in known:
                continue
            if event.provider_event_id not in accepted:
                accepted.append(event.provider_event_id)
                fresh.append(event)
        if not fresh:
            return 0
        rows = [self._to_row(match, event) for event in fresh]
        await self._events.add_many(rows)
        for event, row in zip(fresh, rows):
            snapshot = await self._scores.apply_event(match.id, event, row.team_id)
            if snapshot is not None:
                await self._fan_out_goal(match, snapshot, event)
        return len(fresh)

    async def _fan_out_goal(self, match: Match, snapshot: dict[str, Any], event: NormalizedEvent) -> None:
        await self._hub.broadcast(match.id, snapshot)
        await self._webhooks.dispatch(match.id, "score", snapshot)
        await self._redis.xadd(
            NOTIFY_STREAM,
            {
                "match_id": match.id,
                "home_team_id": match.home_team_id,
                "away_team_id": match.away_team_id,
                "text": f"{snapshot['home']}-{snapshot['away']} ({event.minute}')",
            },
            maxlen=100_000,
            approximate=True,
        )

    def _to_row(self, match: Match, event: NormalizedEvent) -> MatchEvent:
        return MatchEvent(
            match_id=match.id,
            provider=event.provider,
            provider_event_id=event.provider_event_id,
            event_type=event.event_type,
            minute=event.minute,
            team_id=self._aliases.resolve(event.team_ref),
            player_id=int(event.player_ref) if event.player_ref and event.player_ref.isdigit() else None,
            occurred_at=event.occurred_at,
            payload=event.payload,
        )

    async def fixtures(self, day: date) -> list[dict[str, Any]]:
        try:
            return await self._alpha.fetch_fixtures(day)
        except UpstreamError:
            logger.warning("alpha fixtures unavailable for %s; using beta", day)
            return await self._beta.fetch_fixtures(day)

    async def lineup(self, match: Match) -> dict[str, Any]:
        if match.alpha_id is not None:
            try:
                return await self._alpha.fetch_lineups(match.alpha_id)
            except UpstreamError:
                logger.warning("alpha lineups unavailable for match %s", match.id)
        return self._lineup_from_beta(match)

    def _lineup_from_beta(self, match: Match) -> dict[str, Any]:
        if match.beta_id is None:
            return {"home": [], "away": [], "source": None}
        data = self._beta.fetch_lineup_sync(match.beta_id)
        return {"home": data.get("home", []), "away": data.get("away", []), "source": "beta"}
