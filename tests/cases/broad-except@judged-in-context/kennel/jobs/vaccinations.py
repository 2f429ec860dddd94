import asyncio
import logging

from kennel.clients import VetRegistry

log = logging.getLogger(__name__)


class VaccinationSweep:
    def __init__(self, registry: VetRegistry, dogs: list[dict]) -> None:
        self._registry = registry
        self._dogs = dogs

    async def sweep(self) -> int:
        updated = 0
        for dog in self._dogs:
            try:
                dog["vaccinated"] = await self._registry.vaccination_status(dog["chip"]) == "current"
            except Exception:  # expect: broad-except
                dog["vaccinated"] = False
                continue
            updated += 1
        return updated

    async def sweep_logged(self) -> int:
        updated = 0
        for dog in self._dogs:
            try:
                dog["vaccinated"] = await self._registry.vaccination_status(dog["chip"]) == "current"
            except Exception:
                log.exception("vaccination lookup failed for %s", dog["chip"])
                continue
            updated += 1
        return updated

    async def run(self) -> None:
        while True:
            try:
                await self.sweep()
                await self.sweep_logged()
            except Exception:
                log.exception("vaccination sweep failed")
            await asyncio.sleep(3600)
