"""Archive packing for finished exports."""
from __future__ import annotations

import asyncio
from pathlib import Path

from archive.tools import run_tool, to_json


class ArchiveService:
    def __init__(self, root: Path) -> None:
        self._root = root

    async def pack(self, export_id: str) -> Path:
        target = self._root / f"{export_id}.tar.zst"
        run_tool(["tar", "--zstd", "-cf", str(target), str(self._root / export_id)])  # expect: sync-io-in-async
        return target

    async def verify(self, export_id: str) -> None:
        target = self._root / f"{export_id}.tar.zst"
        await asyncio.to_thread(run_tool, ["zstd", "--test", str(target)])

    async def manifest(self, export_id: str, files: list[str]) -> str:
        return to_json({"export": export_id, "files": files})
