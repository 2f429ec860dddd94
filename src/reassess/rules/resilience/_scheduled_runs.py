"""Calls a background loop makes once per long period (hourly, daily, until a computed time):
a failed attempt loses that period's run."""
from __future__ import annotations

from ...model.app import is_test_path
from ...model.resilience.calls import ExternalCall
from ...model.resilience.triggers import worker_reach
from ...model.project import ProjectModel
from ._deps import retry_safe


_LONG_PERIOD = 3600.0  # seconds: a run missed is not made up within the hour


def scheduled_reads(model: ProjectModel, calls: list[ExternalCall]) -> list[tuple[ExternalCall, object]]:
    """Calls safe to send again (and not caught where they are made) that a background loop makes
    once per long period: an endless hourly or daily run, or one (also run until shutdown) that sleeps
    until a time a call computes (`delay = seconds_until(entry.at)`, then `wait_for(stop.wait(),
    timeout=delay)`). A failed attempt loses the period's work; a loop polling
    every few seconds does it again at once and is left out. A call that is not idempotent counts
    too (the nightly upload of a batch, a report sent once a day): a retry limited to connection
    errors is safe for any request, and the run has hours to spare where a lost one waits a whole
    period."""
    safe = [c for c in calls if not c.handled]
    if not safe:
        return []
    out = []
    for entry in model.app.of_kind("worker"):
        loop = entry.details.get("loop") or {}
        periodic = loop.get("forever") and _long_period(loop.get("sleep", "")) or _computed_wait(model, loop)
        if is_test_path(entry.path) or not periodic:
            continue
        reached = worker_reach(model, entry.function)
        out += [(c, entry) for c in safe if c.fq in reached]
    return sorted(out, key=lambda use: not retry_safe(use[0]))  # stable: a call safe to resend is cited first


def _long_period(sleep: str) -> bool:
    """`3600`, `86400 (self._interval)`, or a computed wait (`_seconds_until(...)`); a backoff
    delay is not a period."""
    if not sleep or "backoff" in sleep:
        return False
    head = sleep.split(" ", 1)[0]
    try:
        return float(head) >= _LONG_PERIOD
    except ValueError:
        return head.endswith("(...)")


def _computed_wait(model: ProjectModel, loop: dict) -> bool:
    """The loop sleeps for a local computed by a call (`delay = seconds_until(entry.at)`, then
    `wait_for(stop.wait(), timeout=delay)`): a wait until a time of day, not a polling interval."""
    name = loop.get("sleep", "").split(" ", 1)[0]
    found = model.functions.get(loop.get("function", ""))
    bound = found[1].local_types.get(name) if found is not None and name.isidentifier() else None
    return isinstance(bound, dict) and bool(bound.get("call")) and "backoff" not in name \
        and bound["call"].rsplit(".", 1)[-1] not in ("min", "max", "random", "uniform")
