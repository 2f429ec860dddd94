from __future__ import annotations

import logging
import subprocess
from dataclasses import dataclass

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class ScanResult:
    clean: bool
    signature: str | None = None


def scan_bytes(data: bytes) -> ScanResult:
    proc = subprocess.run(
        ["clamdscan", "--no-summary", "--stream", "-"],
        input=data,
        capture_output=True,
        timeout=60,
        check=False,
    )
    if proc.returncode == 0:
        return ScanResult(clean=True)
    if proc.returncode == 1:
        signature = proc.stdout.decode(errors="replace").split(":")[-1].strip() or None
        return ScanResult(clean=False, signature=signature)
    log.warning("clamdscan exited with %s: %s", proc.returncode, proc.stderr[:200])
    return ScanResult(clean=True)
