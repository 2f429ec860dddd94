"""Per-job buffers kept by the API process between requests."""
from __future__ import annotations

from collections import defaultdict, deque

from starlette.websockets import WebSocket


class JobLogBuffer:
    """Recent log lines per job, so a viewer that connects late sees the backlog."""

    def __init__(self) -> None:
        self._history: dict[str, list[str]] = defaultdict(list)

    def append(self, job_id: str, line: str) -> None:
        self._history[job_id].append(line)  # expect: unbounded-cache

    def tail(self, job_id: str, n: int = 200) -> list[str]:
        return self._history.get(job_id, [])[-n:]


class BoundedLogBuffer:
    """The same backlog with a cap per job: old lines fall off the front."""

    def __init__(self) -> None:
        self._history: dict[str, deque[str]] = defaultdict(lambda: deque(maxlen=500))

    def append(self, job_id: str, line: str) -> None:
        self._history[job_id].append(line)

    def tail(self, job_id: str) -> list[str]:
        return list(self._history.get(job_id, ()))


class StepTimings:
    """Duration samples per pipeline step, trimmed to the most recent thousand."""

    def __init__(self) -> None:
        self._samples: dict[str, list[float]] = defaultdict(list)

    def record(self, step: str, elapsed_ms: float) -> None:
        samples = self._samples[step]
        samples.append(elapsed_ms)
        if len(samples) > 1000:
            del samples[:-1000]

    def p50(self, step: str) -> float:
        ordered = sorted(self._samples.get(step, [0.0]))
        return ordered[len(ordered) // 2]


class JobEvents:
    """Events of running jobs; a job's list goes when the job finishes."""

    def __init__(self) -> None:
        self._events: dict[str, list[dict]] = defaultdict(list)

    def add(self, job_id: str, event: dict) -> None:
        self._events[job_id].append(event)

    def finish(self, job_id: str) -> list[dict]:
        return self._events.pop(job_id, [])


class RoomSockets:
    """Viewers per job page."""

    def __init__(self) -> None:
        self._sockets: dict[str, list[WebSocket]] = defaultdict(list)

    def join(self, job_id: str, ws: WebSocket) -> None:
        self._sockets[job_id].append(ws)

    async def send(self, job_id: str, message: dict) -> None:
        for ws in self._sockets.get(job_id, []):
            await ws.send_json(message)


class StageReport:
    """Built for one report request: grouping lines per stage for that response only."""

    def __init__(self) -> None:
        self._by_stage: dict[str, list[str]] = defaultdict(list)

    def add(self, stage: str, line: str) -> None:
        self._by_stage[stage].append(line)

    def render(self) -> dict[str, list[str]]:
        return dict(self._by_stage)
