"""A shared whiteboard per team: each board guards its own pins with its own lock."""
import asyncio
from dataclasses import dataclass, field


@dataclass(eq=False)
class Board:
    team_id: int
    lock: asyncio.Lock = field(default_factory=asyncio.Lock)
    pins: dict[int, str] = field(default_factory=dict)

    async def snapshot(self) -> dict:
        async with self.lock:
            return {"team_id": self.team_id, "pins": dict(self.pins)}


class Publisher:
    def __init__(self, bus) -> None:
        self._bus = bus

    async def publish_board(self, board: Board) -> None:
        state = await board.snapshot()
        await self._bus.publish(f"board:{board.team_id}", state)


class BoardService:
    def __init__(self, publisher: Publisher) -> None:
        self._publisher = publisher

    async def _announce(self, board: Board) -> None:
        await self._publisher.publish_board(board)

    async def pin(self, board: Board, pin_id: int, text: str) -> None:
        async with board.lock:
            board.pins[pin_id] = text
            await self._announce(board)  # expect: deadlock

    async def unpin(self, board: Board, pin_id: int) -> None:
        async with board.lock:
            board.pins.pop(pin_id, None)
        await self._announce(board)

    async def copy_pins(self, source: Board, target: Board) -> None:
        state = await source.snapshot()
        async with target.lock:
            target.pins.update(state["pins"])
        await self._announce(target)
