"""Message sequence numbers per auction room, held by the one hub every request uses."""
import asyncio


class Bus:
    async def publish(self, room: str, seq: int, text: str) -> None:
        await asyncio.sleep(0)


class RoomHub:
    def __init__(self, bus: Bus) -> None:
        self._bus = bus
        self._seq: dict[str, int] = {}
        self._lock = asyncio.Lock()

    async def post(self, room: str, text: str) -> None:
        seq = self._seq.get(room, 0)
        await self._bus.publish(room, seq, text)
        self._seq[room] = seq + 1  # expect: race-condition

    async def post_in_order(self, room: str, text: str) -> None:
        async with self._lock:
            seq = self._seq.get(room, 0)
            await self._bus.publish(room, seq, text)
            self._seq[room] = seq + 1


hub = RoomHub(Bus())
