"""Checks applied to inbound content: malware scanning and sender-domain sanity."""
from __future__ import annotations

import ipaddress
import socket
import subprocess
from dataclasses import dataclass

CLAMD_COMMAND = ("clamdscan", "--no-summary", "--stream", "-")


@dataclass(frozen=True, slots=True)
class ScanVerdict:
    clean: bool
    signature: str | None = None


def _run_clamd(data: bytes) -> subprocess.CompletedProcess[bytes]:
    return subprocess.run(CLAMD_COMMAND, input=data, capture_output=True, timeout=60, check=False)


def scan_bytes(data: bytes) -> ScanVerdict:
    proc = _run_clamd(data)
    if proc.returncode == 0:
        return ScanVerdict(clean=True)
    if proc.returncode == 1:
        return ScanVerdict(clean=False, signature=proc.stdout.decode(errors="replace").strip())
    raise RuntimeError(f"clamdscan failed with exit code {proc.returncode}")


def sender_domain_resolves(domain: str) -> bool:
    """Reject mail from domains that do not resolve or resolve only to private ranges."""
    try:
        infos = socket.getaddrinfo(domain, 25, proto=socket.IPPROTO_TCP)
    except socket.gaierror:
        return False
    return any(not ipaddress.ip_address(info[4][0]).is_private for info in infos)
