"""Board state shared by every request of the replica."""
from fastapi import APIRouter, Request

from boards.services.locks import BoardFiles, BoardLocks

router = APIRouter()


class BoardState:
    def __init__(self) -> None:
        self._locks: dict[int, BoardLocks] = {}
        self._files: dict[int, BoardFiles] = {}
        self._cards: dict[int, list[str]] = {}
        self._columns: dict[int, list[str]] = {}

    def locks_for(self, board_id: int) -> BoardLocks:
        return self._locks.setdefault(board_id, BoardLocks())

    def files_for(self, board_id: int) -> BoardFiles:
        return self._files.setdefault(board_id, BoardFiles())

    async def add_card(self, board_id: int, title: str) -> None:
        locks = self.locks_for(board_id)
        async with locks.cards:
            self._cards.setdefault(board_id, []).append(title)
            async with locks.columns:
                self._columns.setdefault(board_id, ["todo"])

    async def rename_column(self, board_id: int, old: str, new: str) -> None:
        guard = self.locks_for(board_id)
        async with guard.columns:
            self._columns[board_id] = [new if c == old else c for c in self._columns.get(board_id, [])]
            async with guard.cards:  # expect: deadlock
                self._cards[board_id] = list(self._cards.get(board_id, []))

    async def archive(self, board_id: int) -> None:
        files = self.files_for(board_id)
        async with files.staging:
            async with files.audit:
                self._cards.pop(board_id, None)

    async def export(self, board_id: int) -> None:
        files = self.files_for(board_id)
        async with files.audit:
            async with files.staging:
                self._columns.pop(board_id, None)


@router.post("/boards/{board_id}/cards")
async def add_card(request: Request, board_id: int, title: str) -> None:
    await request.app.state.boards.add_card(board_id, title)


@router.post("/boards/{board_id}/columns")
async def rename_column(request: Request, board_id: int, old: str, new: str) -> None:
    await request.app.state.boards.rename_column(board_id, old, new)


@router.delete("/boards/{board_id}")
async def archive(request: Request, board_id: int) -> None:
    await request.app.state.boards.archive(board_id)


@router.get("/boards/{board_id}/export")
async def export(request: Request, board_id: int) -> None:
    await request.app.state.boards.export(board_id)
