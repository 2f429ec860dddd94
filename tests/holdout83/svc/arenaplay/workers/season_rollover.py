from __future__ import annotations

import asyncio
import csv
import logging
from datetime import datetime, timezone
from pathlib import Path

from arenaplay.db.engine import SessionFactory
from arenaplay.db.pg import PgPool
from arenaplay.repositories.leaderboards import LeaderboardSnapshotRepository
from arenaplay.services import seasons
from arenaplay.settings import Settings

logger = logging.getLogger(__name__)

CHECK_EVERY = 3600


async def export_standings(pg: PgPool, season_id: int, export_dir: str) -> Path:
    rows = await LeaderboardSnapshotRepository(pg).page(season_id, 0, 10_000)
    path = Path(export_dir) / f"season_{season_id}.csv"
    with open(path, "w", newline="", encoding="utf-8") as fh:
        writer = csv.writer(fh)
        writer.writerow(["rank", "player_id", "score"])
        for row in rows:
            writer.writerow([row["rank"], row["player_id"], row["score"]])
    return path


async def rollover_if_due(settings: Settings, pg: PgPool) -> bool:
    season = await seasons.current_season()
    now = datetime.now(timezone.utc)
    if season is not None and season.ends_at > now:
        return False
    if season is not None:
        await export_standings(pg, season.id, settings.export_dir)
    new_season = await seasons.rollover(settings.season_length_days)
    logger.info("opened %s", new_season.name)
    return True


async def season_rollover_loop(settings: Settings) -> None:
    pg = PgPool(settings)
    await pg.open()
    try:
        while True:
            try:
                await rollover_if_due(settings, pg)
            except Exception:
                logger.exception("season rollover check failed")
            await asyncio.sleep(CHECK_EVERY)
    finally:
        await pg.close()
