"""Print jobs: a coroutine that blocks twice is cited at its heaviest wait."""
import asyncio
import subprocess
import tempfile
from pathlib import Path

import requests


class PrintJobs:
    async def print_label(self, zpl: str, printer: str) -> None:
        with tempfile.TemporaryDirectory() as tmp:
            label = Path(tmp) / "label.zpl"
            label.write_text(zpl, encoding="ascii")
            subprocess.run(["lp", "-d", printer, str(label)], check=True, timeout=20)  # expect: sync-io-in-async

    async def archive(self, job_id: str, body: bytes, url: str) -> None:
        with open(f"/var/spool/jobs/{job_id}.bin", "wb") as fh:
            fh.write(body)
        requests.post(url, data=body, timeout=10)  # expect: sync-io-in-async

    async def print_async(self, zpl: str, printer: str) -> None:
        """Look-alike: the write is handed to a thread and the printer runs as an asyncio subprocess."""
        path = await asyncio.to_thread(_spool, zpl)
        proc = await asyncio.create_subprocess_exec("lp", "-d", printer, path)
        await asyncio.wait_for(proc.wait(), timeout=20)


def _spool(zpl: str) -> str:
    target = Path(tempfile.mkdtemp()) / "label.zpl"
    target.write_text(zpl, encoding="ascii")
    return str(target)
