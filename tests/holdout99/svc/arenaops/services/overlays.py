from __future__ import annotations

import asyncio
import logging
import threading
from pathlib import Path
from string import Template
from typing import Any

from redis.exceptions import RedisError
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from arenaops.cache.bracket_cache import BracketCache
from arenaops.cache.overlay_cache import OverlayCache, overlay_fragment
from arenaops.models import Match
from arenaops.settings import Settings

logger = logging.getLogger(__name__)


class OverlayService:
    """Renders stream overlays (scorebug, bracket strip) from cached match state."""

    def __init__(self, settings: Settings, cache: OverlayCache, boards: BracketCache,
                 sessions: async_sessionmaker[AsyncSession]) -> None:
        self._template_dir = Path(settings.overlay_template_dir)
        self._cache = cache
        self._boards = boards
        self._sessions = sessions
        self._templates: dict[str, Template] = {}
        self._render_lock = threading.Lock()

    async def _template(self, name: str) -> Template:
        tpl = self._templates.get(name)
        if tpl is None:
            source = await asyncio.to_thread((self._template_dir / f"{name}.html").read_text)
            tpl = self._templates[name] = Template(source)
        return tpl

    async def scorebug(self, match_id: int, theme: str = "dark") -> str:
        key = f"scorebug:{match_id}:{theme}"
        html = self._cache.local_get(key)
        if html is not None:
            return html
        with self._render_lock:
            state = await self._cache.get_state(match_id=match_id)
            html = self._render_state(match_id, state or {}, theme)
            self._cache.local_put(key, html)
        return html

    def _render_state(self, match_id: int, state: dict[str, Any], theme: str) -> str:
        try:
            return overlay_fragment(match_id, int(state.get("score_a", 0)), int(state.get("score_b", 0)),
                                    state.get("team_a", "TBD"), state.get("team_b", "TBD"), theme)
        except:
            return ""

    async def bracket_strip(self, match_id: int) -> str:
        state = await self._cache.get_state(match_id)
        if state is None:
            return ""
        tpl = await self._template("strip")
        return tpl.safe_substitute(state)

    async def scoreboard(self, match_id: int) -> dict[str, Any]:
        try:
            cached = await self._boards.get_scoreboard(match_id)
        except RedisError:
            logger.warning("scoreboard cache unavailable, reading match %s from db", match_id)
            cached = None
        if cached is not None:
            return cached
        async with self._sessions() as session:
            match = await session.get(Match, match_id)
        if match is None:
            return {}
        board = {"match_id": match.id, "score_a": match.score_a, "score_b": match.score_b, "status": match.status}
        try:
            await self._boards.put_scoreboard(match_id, board)
        except RedisError:
            logger.warning("could not refresh scoreboard cache for %s", match_id)
        return board
