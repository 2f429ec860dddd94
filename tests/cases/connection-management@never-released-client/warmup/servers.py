"""Warm spare servers in the background, and a report query over the shared pool."""
from __future__ import annotations

import threading
import time

import httpx

def _wait_until_ready(port: int) -> bool:
    probe = httpx.Client(timeout=5)  # expect: connection-management
    for _ in range(30):
        if probe.get(f"http://127.0.0.1:{port}/alive").status_code == 200:
            return True
        time.sleep(1)
    return False


def start_spare(port: int) -> None:
    threading.Thread(target=_wait_until_ready, args=(port,), daemon=True).start()


def probe_once(port: int) -> bool:
    probe = httpx.Client(timeout=5)  # expect: connection-management (released, but one client per request)
    try:
        return probe.get(f"http://127.0.0.1:{port}/alive").status_code == 200
    finally:
        probe.close()
