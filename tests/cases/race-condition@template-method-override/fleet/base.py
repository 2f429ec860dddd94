"""Base classes whose template methods call hooks the subclasses fill in."""
import asyncio


class Poller:
    interval = 30.0

    async def run(self) -> None:
        while True:
            await self.poll_once()
            await asyncio.sleep(self.interval)

    async def poll_once(self) -> None:
        raise NotImplementedError


class Command:
    async def execute(self, vehicle_id: str, amount: int) -> dict:
        if amount <= 0:
            raise ValueError("amount must be positive")
        await self.apply(vehicle_id, amount)
        return {"vehicle": vehicle_id, "amount": amount}

    async def apply(self, vehicle_id: str, amount: int) -> None:
        raise NotImplementedError
