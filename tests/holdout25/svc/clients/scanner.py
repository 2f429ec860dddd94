"""clamd client speaking the INSTREAM protocol."""
from __future__ import annotations

import socket
import struct
from dataclasses import dataclass

_CHUNK = 64 * 1024


@dataclass(frozen=True, slots=True)
class ScanResult:
    clean: bool
    signature: str | None = None


class ClamdScanner:
    def __init__(self, host: str, port: int, timeout: float = 30.0) -> None:
        self._host = host
        self._port = port
        self._timeout = timeout

    def scan_bytes(self, data: bytes) -> ScanResult:
        with socket.create_connection((self._host, self._port), timeout=self._timeout) as sock:
            sock.sendall(b"zINSTREAM\0")
            for offset in range(0, len(data), _CHUNK):
                chunk = data[offset : offset + _CHUNK]
                sock.sendall(struct.pack("!L", len(chunk)) + chunk)
            sock.sendall(struct.pack("!L", 0))
            reply = sock.recv(4096).rstrip(b"\0").decode()
        if reply.endswith("OK"):
            return ScanResult(clean=True)
        signature = reply.split(":", 1)[-1].replace("FOUND", "").strip()
        return ScanResult(clean=False, signature=signature)
