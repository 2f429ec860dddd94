"""Shapes the turnaround task board handed to the UI (pure functions, no I/O)."""
from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from typing import Any

from apron.models import Flight, TurnaroundTask
from apron.utils.timeutil import utcnow

CLOSED_STATES = ("DONE", "SKIPPED")


def task_row(task: TurnaroundTask) -> dict[str, Any]:
    return {
        "id": task.id,
        "kind": task.kind,
        "status": task.status,
        "deadline": task.deadline_at.isoformat(),
        "assignee": task.assignee_id,
    }


def flight_progress(tasks: Sequence[TurnaroundTask]) -> dict[str, int]:
    open_count = 0
    late = 0
    now = utcnow()
    for task in tasks:
        if task.status != "DONE" or task.status != "SKIPPED":
            open_count += 1
        if task.status not in CLOSED_STATES and task.deadline_at < now:
            late += 1
    return {"total": len(tasks), "open": open_count, "late": late}


def build_board_snapshot(
    flights: Sequence[Flight], tasks: Sequence[TurnaroundTask], conditions: dict[str, Any]
) -> dict[str, Any]:
    by_flight: dict[int, list[TurnaroundTask]] = defaultdict(list)
    for task in tasks:
        by_flight[task.flight_id].append(task)
    rows = []
    for flight in flights:
        flight_tasks = by_flight.get(flight.id, [])
        rows.append(
            {
                "flight": flight.key,
                "std": flight.std.isoformat() if flight.std else None,
                "etd": flight.etd.isoformat() if flight.etd else None,
                "progress": flight_progress(flight_tasks),
                "tasks": [task_row(t) for t in flight_tasks],
            }
        )
    return {"generated_at": utcnow().isoformat(), "weather": conditions, "flights": rows}
