"""Kitchen ticket printers, driven through CUPS."""
from __future__ import annotations

import subprocess


class TicketPrinter:
    def __init__(self, printer_name: str) -> None:
        self._printer = printer_name

    def print_ticket(self, ticket_text: str) -> None:
        subprocess.run(["lp", "-d", self._printer, "-o", "raw", "-"], input=ticket_text.encode(), check=True, timeout=15)

    def status(self) -> str:
        result = subprocess.run(["lpstat", "-p", self._printer], capture_output=True, text=True, check=False, timeout=5)
        return result.stdout.strip() or result.stderr.strip()
