from __future__ import annotations

import socket


class LabelPrinter:
    """Thin wrapper over the vendor's raw ZPL socket protocol (blocking)."""

    def __init__(self, host: str, port: int = 9100, timeout: float = 5.0) -> None:
        self._host = host
        self._port = port
        self._timeout = timeout

    def print_label(self, barcode: str, title: str, expires: str) -> None:
        zpl = (
            "^XA^FO30,30^BCN,80,Y,N,N^FD{code}^FS"
            "^FO30,140^A0N,30,30^FD{title}^FS"
            "^FO30,180^A0N,24,24^FDEXP {expires}^FS^XZ"
        ).format(code=barcode, title=title, expires=expires)
        with socket.create_connection((self._host, self._port), timeout=self._timeout) as sock:
            sock.sendall(zpl.encode("ascii"))
