"""Background workers: python -m arenaplay.workers {matchmaker|replays|reports|all}"""
from __future__ import annotations

import asyncio
import logging
import random
import sys
from collections.abc import Awaitable, Callable

from arenaplay.clients.geo import GeoClient
from arenaplay.infra.pubsub import Publisher
from arenaplay.infra.redis import create_redis
from arenaplay.logging_setup import configure_logging
from arenaplay.services.matchmaking import MatchmakingService, load_map_pool
from arenaplay.services.sessions import SessionManager
from arenaplay.settings import get_settings
from arenaplay.utils.codec import StateCodec
from arenaplay.workers.matchmaker import matchmaker_loop
from arenaplay.workers.replay_uploader import replay_uploader_loop
from arenaplay.workers.report_processor import report_processor_loop

logger = logging.getLogger("arenaplay.workers")


async def supervise(name: str, factory: Callable[[], Awaitable[None]], max_backoff: float = 60.0) -> None:
    backoff = 1.0
    while True:
        try:
            await factory()
            logger.warning("worker %s returned, restarting", name)
        except asyncio.CancelledError:
            raise
        except Exception:
            logger.exception("worker %s crashed; restarting in %.1fs", name, backoff)
        await asyncio.sleep(backoff * (0.5 + random.random()))
        backoff = min(max_backoff, backoff * 2)


async def main(which: str) -> None:
    settings = get_settings()
    configure_logging()
    redis = create_redis(settings.redis_url)
    geo = GeoClient(settings)
    sessions = SessionManager(Publisher(redis), StateCodec())
    map_pool = await asyncio.to_thread(load_map_pool, settings.map_pool_path)
    matchmaking = MatchmakingService(redis, geo, sessions, map_pool)
    jobs = {
        "matchmaker": lambda: matchmaker_loop(redis, matchmaking),
        "replays": lambda: replay_uploader_loop(redis, settings),
        "reports": lambda: report_processor_loop(redis, settings),
    }
    selected = jobs if which == "all" else {which: jobs[which]}
    try:
        await asyncio.gather(*(supervise(name, factory) for name, factory in selected.items()))
    finally:
        await geo.aclose()
        await redis.aclose()


if __name__ == "__main__":
    asyncio.run(main(sys.argv[1] if len(sys.argv) > 1 else "all"))
