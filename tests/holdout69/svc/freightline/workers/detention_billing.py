"""Bill detention for stops where the truck has been held past free time."""
from __future__ import annotations

import logging
from datetime import datetime, timedelta, timezone

from freightline.config import Settings
from freightline.container import Services
from freightline.db.engine import sessionmaker
from freightline.repositories.loads import LoadRepository
from freightline.services.detention import charge_for, is_facility_stop
from freightline.workers.base import PeriodicWorker

logger = logging.getLogger(__name__)


class DetentionBillingWorker(PeriodicWorker):
    name = "detention_billing"
    interval = 900.0

    def __init__(self, services: Services, settings: Settings) -> None:
        self._services = services
        self._settings = settings

    async def run_once(self) -> int:
        now = datetime.now(timezone.utc)
        cutoff = now - timedelta(minutes=self._settings.detention_free_minutes)
        billed = 0
        async with sessionmaker()() as session:
            loads = LoadRepository(session)
            payouts = self._services.payouts(session)
            stops = await loads.stops_awaiting_departure(cutoff)
            carrier_by_load = {
                load_id: load.carrier_id
                for load_id, load in (await loads.get_many([s.load_id for s in stops])).items()
            }
            for stop in stops:
                if not is_facility_stop(stop):
                    continue
                charge = charge_for(
                    stop,
                    now,
                    self._settings.detention_free_minutes,
                    self._settings.detention_rate_cents_per_hour,
                )
                if charge is None:
                    continue
                carrier_id = carrier_by_load.get(stop.load_id)
                if carrier_id is None:
                    continue
                stop.detention_billed_cents += charge.amount_cents
                await payouts.credit_accessorial(carrier_id, charge.amount_cents)
                billed += 1
            await session.commit()
        return billed
