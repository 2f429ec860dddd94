"""Recent tool alarms, kept in memory by the ingest task."""
from collections import deque


class AlarmLog:
    def __init__(self) -> None:
        self._recent: deque[dict] = deque(maxlen=500)

    def record(self, alarm: dict) -> None:
        self._recent.append(alarm)

    def recent(self) -> list[dict]:
        return list(self._recent)


alarm_log = AlarmLog()
