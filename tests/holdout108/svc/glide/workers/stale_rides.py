from __future__ import annotations

import asyncio
import logging
from datetime import timedelta

from glide.api.deps import ride_service
from glide.container import Container
from glide.repositories.rides import RideRepository
from glide.utils.timeutil import utcnow

log = logging.getLogger(__name__)

INTERVAL_S = 60


async def stale_ride_loop(c: Container) -> None:
    """Closes rides whose vehicle has been left running far beyond any plausible trip."""
    while True:
        try:
            cutoff = utcnow() - timedelta(hours=c.settings.stale_ride_hours)
            async with c.sessions() as session:
                rides = await RideRepository(session).stale_active(cutoff)
                service = ride_service(c, session)
                for ride in rides:
                    await service.force_end(ride, "stale")
                await session.commit()
            if rides:
                log.info("force-ended %d stale rides", len(rides))
        except asyncio.CancelledError:
            raise
        except Exception:
            log.exception("stale ride pass failed")
        await asyncio.sleep(INTERVAL_S)
