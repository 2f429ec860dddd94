import asyncio


class PeriodicJob:
    interval = 60.0

    async def run_once(self) -> None:
        raise NotImplementedError

    async def run_forever(self, stop: asyncio.Event) -> None:
        while not stop.is_set():
            await self.run_once()
            try:
                await asyncio.wait_for(stop.wait(), timeout=self.interval)
            except asyncio.TimeoutError:
                pass
