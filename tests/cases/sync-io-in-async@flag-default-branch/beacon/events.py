"""Usage events: sent from a background thread unless the caller waits for delivery."""
import threading

import requests

EVENTS_URL = "https://events.example.com/v1/events"


def record_event(kind: str, payload: dict, blocking: bool = False) -> bool | None:
    def deliver() -> bool:
        response = requests.post(EVENTS_URL, json={"kind": kind, **payload}, timeout=5)
        return response.ok

    if blocking:
        return deliver()
    threading.Thread(target=deliver, daemon=True).start()
    return None


def ping_sync(kind: str) -> bool:
    reply = requests.get(f"{EVENTS_URL}/{kind}", timeout=5)  # expect: sync-io-in-async
    return reply.ok


def report(kind: str, wait: bool = False) -> bool:
    if wait:
        return ping_sync(kind)
    return False
