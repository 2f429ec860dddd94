"""Uploads archives with the AWS CLI on a schedule."""
import asyncio
import subprocess
from pathlib import Path


class Archiver:
    def __init__(self, directory: Path) -> None:
        self._dir = directory

    async def run(self) -> None:
        while True:
            for path in sorted(self._dir.glob("*.csv")):  # expect: sync-io-in-async
                self._upload(path)
                await asyncio.to_thread(self._compress, path)
            await asyncio.sleep(3600)

    def _upload(self, path: Path) -> None:
        subprocess.run(["aws", "s3", "cp", str(path), "s3://archive/"], check=True, timeout=600)  # expect: sync-io-in-async

    def _compress(self, path: Path) -> None:
        subprocess.run(["gzip", str(path)], check=True, timeout=600)  # always in a thread
