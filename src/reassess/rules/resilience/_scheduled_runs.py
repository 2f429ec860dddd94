"""Calls a background loop makes once per long period (hourly, daily, until a computed time):
a failed attempt loses that period's run."""
from __future__ import annotations

from ...model.app import is_test_path
from ...model.resilience import analysis
from ...model.resilience import blocks as blk
from ...model.resilience.calls import ExternalCall
from ...model.resilience.triggers import worker_reach
from ...model.project import ProjectModel
from ._deps import retry_safe
from ._failure_handlers import hands_back, innermost_catch, translated_errors


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
    out = [(c, entry) for entry, reached in _scheduled_work(model) for c in safe if c.fq in reached]
    return sorted(out, key=lambda use: not retry_safe(use[0]))  # stable: a call safe to resend is cited first


def _scheduled_work(model: ProjectModel) -> list[tuple[object, set[str]]]:
    """(worker entry, the functions it runs once per long period) for each worker outside the tests
    that has such work: the same for every dependency asked about, so computed once per run."""
    def build() -> list[tuple[object, set[str]]]:
        out = []
        for entry in model.app.of_kind("worker"):
            loop = entry.details.get("loop") or {}
            reached = worker_reach(model, entry.function) if sleeps_long(model, loop) else _calendar_gated(model, loop)
            if reached and not is_test_path(entry.path):
                out.append((entry, reached))
        return out
    return model.memo("resilience.scheduled_work", build)


def sleeps_long(model: ProjectModel, loop: dict) -> bool:
    """An endless loop sleeping an hour or more between runs, or until a time a call computes."""
    return bool(loop.get("forever") and _long_period(loop.get("sleep", "")) or _computed_wait(model, loop))


# attributes of a clock reading that gate a polling loop's work to a time of day or a day of the month
_CALENDAR_FIELDS = frozenset({"month", "day", "hour", "minute"})


def calendar_gates(model: ProjectModel, loop: dict) -> list[dict]:
    """The `if` blocks in a polling loop that test the date or the hour of a clock reading (`if now.day
    == 1 and now.hour >= 2:`)."""
    found = model.functions.get(loop.get("function", ""))
    body = next((b for b in blk.blocks(found[1], "loop") if b["line"] == loop.get("line")), None) if found else None
    if body is None:
        return []
    return [b for b in blk.ifs(found[1]) if blk.inside(body, b["line"])
            and any(str(bound[0]).rsplit(".", 1)[-1] in _CALENDAR_FIELDS for bound in b.get("bounds", ()))]


def _calendar_gated(model: ProjectModel, loop: dict) -> set[str]:
    """The functions a polling loop reaches only inside an `if` testing the date or the hour (the month's
    invoice run under `if now.day == 1 and now.hour >= 2:`): that work runs once a day or a month,
    whatever the loop's own sleep, so a failed attempt waits for the next period too."""
    gates = calendar_gates(model, loop)
    out: set[str] = set()
    for edge in model.edges.get(loop["function"], ()):
        callee = model.callee_function(edge.target)
        if callee in model.functions and any(blk.inside(gate, edge.site.line) for gate in gates):
            out |= worker_reach(model, callee)
    return out


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


def skipped_for_the_period(model: ProjectModel, call: ExternalCall, entry) -> object | None:
    """The edge, in the run's own code, that calls into the client once for each item of a batch the
    run selects for its period (`for rec in await self._repo.unsubmitted(day):`, `day: date`), and
    whose handler catches the failure (or the project exception the client raises for it) and goes on
    to the next item (`except UpstreamError: log.error(...); continue`): the next run selects another
    period's items, so the item skipped is lost there. (Items a later run selects again, `pending()`,
    are only delayed: the call itself is cited then.)"""
    reached = worker_reach(model, entry.function)
    tracer = analysis(model).tracer
    translated = translated_errors(model, tracer, call)
    for edge in sorted(model.callers.get(call.fq, ()), key=lambda e: (e.caller, e.site.line)):
        if edge.caller not in reached or not edge.site.loop_line:
            continue
        func = model.functions[edge.caller][1]
        if not _selected_for_period(func, edge.site.loop_line):
            continue
        found = innermost_catch(model, tracer, edge, call.library, translated)
        if found is None or found[1].get("exit") != "continue" or blk.handler_reraises(func, found[1]):
            continue
        if not any(hands_back(site) for site in blk.calls_in(func, found[1]["line"], found[1]["end"])):
            return edge
    return None


_PERIOD_TYPES = frozenset({"date", "datetime"})


def _selected_for_period(func, loop_line: int) -> bool:
    """The loop at `loop_line` runs over what a call returns when handed a date parameter of the
    function (`self._repo.unsubmitted(day)` in `submit_day(self, day: date)`)."""
    source = (func.extra.get("loops", {}).get(loop_line) or {}).get("iter")
    if not isinstance(source, dict):
        return False  # `while True:`, a name: no call selects the items
    dated = {p.name for p in func.params if p.annotation.rsplit(".", 1)[-1] in _PERIOD_TYPES}
    return any(site.line == source.get("line") and site.name == source.get("call")
               and any(isinstance(a, dict) and a.get("ref") in dated for a in site.args) for site in func.calls)
