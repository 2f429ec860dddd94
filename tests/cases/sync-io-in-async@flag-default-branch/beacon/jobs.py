"""Run by the scheduler in a worker process, not on the event loop."""
from beacon.events import record_event


def send_version() -> bool:
    return bool(record_event("version", {"v": "1.2"}, blocking=True))
