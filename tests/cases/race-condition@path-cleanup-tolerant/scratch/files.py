"""Per-request scratch files for report rendering."""
import os
from pathlib import Path


async def drop_render(path: str) -> None:
    if os.path.exists(path):  # expect: race-condition
        os.remove(path)


async def drop_render_tolerant(path: str) -> None:
    if os.path.exists(path):
        try:
            os.remove(path)
        except FileNotFoundError:
            pass


async def ensure_spool(folder: Path) -> None:
    if not folder.exists():  # expect: race-condition
        folder.mkdir()


async def ensure_spool_tolerant(folder: Path) -> None:
    if not folder.exists():
        try:
            folder.mkdir()
        except FileExistsError:
            return
