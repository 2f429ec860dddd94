"""A script's `__main__` block that runs one command (`asyncio.run(export())`) is no background worker,
also when the command reaches a helper reading a file in chunks (`while chunk := data.read(n)`): that
loop ends once the reader is exhausted. A script whose main awaits a loop only a stop ends still is one."""
from __future__ import annotations

from pathlib import Path

from test_app_model import build_model

_STORAGE = (
    "import io\n\n\n"
    "class DiskStorage:\n"
    "    async def store(self, path: str, data: io.BufferedReader) -> None:\n"
    "        with open(path, 'wb') as out:\n"
    "            while chunk := data.read(65536):\n"
    "                out.write(chunk)\n")

_EXPORT = (
    "import asyncio\nimport io\n\nfrom tool.storage import DiskStorage\n\n\n"
    "async def render(path: str) -> None:\n"
    "    await DiskStorage().store(path, io.BytesIO(b'graph'))\n\n\n"
    "async def export(path: str = 'graph.html') -> None:\n"
    "    await render(path)\n\n\n"
    "if __name__ == '__main__':\n"
    "    loop = asyncio.new_event_loop()\n"
    "    loop.run_until_complete(export())\n")

_FOLLOW = (
    "import asyncio\n\nfrom tool.storage import DiskStorage\n\n\n"
    "async def follow(stop: asyncio.Event) -> None:\n"
    "    while not stop.is_set():\n"
    "        await asyncio.sleep(5)\n"
    "        print('tick')\n\n\n"
    "if __name__ == '__main__':\n"
    "    asyncio.run(follow(asyncio.Event()))\n")


def _write(root: Path, files: dict[str, str]) -> Path:
    for name, text in {"tool/__init__.py": "", **files}.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text)
    return root


def test_a_one_shot_script_reaching_a_chunked_read_is_no_worker(tmp_path):
    model = build_model(_write(tmp_path, {"tool/storage.py": _STORAGE, "tool/export.py": _EXPORT,
                                          "tool/follow.py": _FOLLOW}))
    workers = {e.function for e in model.app.of_kind("worker")}
    assert "tool.storage.DiskStorage.store" not in workers
    assert "tool.export.export" not in workers
    assert "tool.follow.follow" in workers
