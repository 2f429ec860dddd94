"""Label printers and scales on the packing floor, reached over raw TCP."""
from __future__ import annotations

import socket


class Printer:
    def __init__(self, host: str, port: int = 9100) -> None:
        self.host = host
        self.port = port

    def send(self, zpl: str) -> None:
        with socket.create_connection((self.host, self.port), timeout=5) as conn:  # expect: sync-io-in-async
            conn.sendall(zpl.encode("ascii"))


class Scale:
    def __init__(self, host: str) -> None:
        self.host = host

    def read_grams(self) -> int:
        with socket.create_connection((self.host, 4001), timeout=2) as conn:
            return int(conn.recv(16).decode("ascii").strip())
