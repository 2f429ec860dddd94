"""Monthly reports: rendered by the nightly job, downloaded from the API."""
import asyncio
import os


def save_report(folder: str, name: str, body: bytes) -> str:
    path = os.path.join(folder, name)
    with open(path, "wb") as fh:
        fh.write(body)
    return path


class ReportShelf:
    def __init__(self, out_dir: str) -> None:
        self._out_dir = out_dir  # expect: stateful-component

    async def render(self, account_id: int, body: bytes) -> str:
        return await asyncio.to_thread(save_report, self._out_dir, f"{account_id}.pdf", body)

    def location(self, account_id: int) -> str | None:
        path = os.path.join(self._out_dir, f"{account_id}.pdf")
        return path if os.path.exists(path) else None


class Thumbnailer:
    """Writes a scratch copy and reads it back within one request: nothing outlives the call."""

    def __init__(self, scratch: str) -> None:
        self._scratch = scratch

    def _stage(self, name: str, blob: bytes) -> str:
        path = os.path.join(self._scratch, name)
        with open(path, "wb") as fh:
            fh.write(blob)
        return path

    def _load(self, name: str) -> bytes:
        with open(os.path.join(self._scratch, name), "rb") as fh:
            return fh.read()

    def shrink(self, name: str, blob: bytes) -> bytes:
        self._stage(name, blob)
        return self._load(name)[:1024]
