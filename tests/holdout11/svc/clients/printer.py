"""Zebra label printers on the packing line, driven with raw ZPL over TCP port 9100."""
from __future__ import annotations

import socket
import threading
from dataclasses import dataclass, field


@dataclass(frozen=True)
class LabelPrinter:
    host: str
    port: int = 9100
    timeout: float = 3.0
    _batch_lock: threading.Lock = field(default_factory=threading.Lock, compare=False, repr=False)

    def send_zpl(self, zpl: str) -> None:
        with socket.create_connection((self.host, self.port), timeout=self.timeout) as sock:
            sock.sendall(zpl.encode("ascii"))

    def send_batch(self, labels: list[str]) -> None:
        """Print a batch in one job so another station's label cannot land in the middle of it."""
        with self._batch_lock:
            self.send_zpl("".join(labels))


def printers_for(stations: dict[str, str], port: int) -> dict[str, LabelPrinter]:
    return {station: LabelPrinter(host=host, port=port) for station, host in stations.items()}
