"""RA508 horizontal-scaling-blocker: module-level state one request writes and other requests read."""
from __future__ import annotations

import re
from typing import Iterator

from ...findings import Finding, Location
from ...knowledge.clocks import CLOCKS
from ...knowledge.telemetry import builds_telemetry_handle
from ...model.app import is_test_path
from ...model.program_kind import single_process
from ...model.project import ProjectModel
from ...model.resilience.runtime import entries_reaching, short
from ...model.resilience.state import MUTATORS, ModuleState, module_state
from ...model.resilience.triggers import REQUEST_KINDS, request_driven
from ..api import ProjectContext, Rule, register
from ._local_state_limits import rate_limiter

_CACHE = re.compile(r"cache|memo|lru|intern", re.I)
_COUNTER_ONLY = "in-place update of an item"
_MAX_RELATED = 8


@register
class RequestSharedModuleState(Rule):
    """A module-level variable that some requests write and other requests read.

    What it finds:
        Module-level containers and variables written at run time by code a request runs
        (directly, or through work handed to a background worker over an in-process queue) and
        read by other functions that requests reach: a maintenance flag an admin endpoint sets
        and a middleware reads, a "last seen" map that ingestion updates and a status endpoint
        reports; also a per-key time window a request both checks and records (`previous =
        _last_read.get(gate)`, "duplicate" within two seconds, then `_last_read[gate] = (uid, now)`).
        The state is only correct while a single process serves every request. Caches
        (recomputed on a miss), per-process counters, registries filled at import or startup and
        rate limits (reported by RA502) are left out.

    Why it matters:
        Behind a load balancer each worker process and replica holds its own copy: the admin
        call that enables maintenance mode reaches one replica and the others keep accepting
        writes; a device reported online by the replica that took its readings shows as offline
        on every other one. Results depend on which process serves the request, and a restart
        or deploy resets them.

    Example:
        _maintenance: dict[str, Any] = {"enabled": False}

        @router.post("/ops/maintenance")
        async def set_maintenance(body: MaintenanceIn):
            _maintenance.update(enabled=body.enabled)

    Instead:
        Keep the value where every process reads the same thing (Redis, the database), with a
        short local cache if it is read on every request:

            await redis.hset("ops:maintenance", mapping={"enabled": int(body.enabled), "reason": body.reason or ""})
    """

    id = "RA508"
    name = "request-shared-module-state"
    category = "horizontal-scaling-blocker"
    severity = "MEDIUM"
    scope = "project"
    base_effort = 3.0

    def check(self, ctx: ProjectContext) -> Iterator[Finding]:
        model = ctx.model
        if single_process(model):
            return  # one process on the user's machine: every request sees the one copy
        driven = request_driven(model)
        for state in module_state(model):
            if not _candidate(state):
                continue
            all_writers = state.writers()
            writers = [fq for fq in all_writers if fq in driven]
            if not writers or all(w.how == _COUNTER_ONLY for w in state.writes) or rate_limiter(model, state) \
                    or _telemetry_handle(model, state):
                continue
            readers = _request_readers(model, state, writers, all_writers, driven)
            if readers:
                yield self._finding(model, state, writers, readers, driven)

    def _finding(self, model: ProjectModel, state: ModuleState, writers: list[str], readers: list[str],
                 driven: dict[str, str]) -> Finding:
        read_for = sorted({e.name for e, _c in entries_reaching(model, set(readers), limit=20)
                           if e.kind in REQUEST_KINDS})
        description = (
            f"`{state.name}` ({state.facts.path}:{state.assign.line}) is written by "
            f"{', '.join(f'`{short(w)}` (for {driven[w]})' for w in writers[:3])} and read by "
            f"{', '.join(f'`{short(r)}`' for r in readers[:4])}"
            f"{' for ' + ', '.join(read_for[:4]) if read_for else ''}. Each worker process and replica keeps "
            "its own copy, so what a request writes is only seen by requests that the same process serves, and "
            "it is lost on restart."
        )
        writes = sorted(state.writes, key=lambda w: (w.path, w.line))
        related = [Location(w.path, w.line, w.line, f"written in {short(w.function)} ({w.how})")
                   for w in writes[:_MAX_RELATED // 2]]
        related += [Location(model.functions[r][0].path, model.functions[r][1].line, model.functions[r][1].line,
                             f"{short(r)} reads it") for r in readers[:_MAX_RELATED // 2]]
        recommendation = (
            f"Keep `{state.name}` where every process reads the same value (Redis or the database), with a short "
            "local cache if it is read on every request:\n\n"
            f"    await redis.set(\"{state.name.strip('_')}:<key>\", value)   # in {short(writers[0])}\n"
            f"    value = await redis.get(\"{state.name.strip('_')}:<key>\")  # in {short(readers[0])}"
        )
        return self.finding(
            Location(state.facts.path, state.assign.line, max(state.assign.line, state.assign.end_line or 0)),
            f"`{state.name}` is shared between requests in process memory", description,
            related=related, recommendation=recommendation,
        )


def _time_window(model: ProjectModel, fq: str, state: ModuleState) -> bool:
    """The request that writes the entry first looks it up and reads the clock, and answers with
    something else than the entry (`previous = _last_read.get(gate)`; within 2 s of it: "duplicate";
    then `_last_read[gate] = (uid, now)`): a per-key time window (duplicate suppression, a throttle)
    that the next request, served by any process, must see. A TTL cache returns the entry instead;
    a function that answers nothing only records a status."""
    func = model.functions[fq][1]
    looked_up = {name for name, value in func.local_types.items() if isinstance(value, dict)
                 and str(value.get("call") or value.get("ref") or "").split(".")[0] == state.name}
    return bool(looked_up) and bool(func.returns_values) and any(site.func and site.func[-1] in CLOCKS
                                                               for site in func.calls) \
        and not any(isinstance(v, dict) and str(v.get("ref", "")).split(".")[0].split("[")[0] in looked_up
                    for v in func.returns_values)


def _takes(model: ProjectModel, fq: str, state: ModuleState) -> bool:
    """The function's only writes take an entry out by key and keep it (`verifier =
    _pending.pop(state, None)`) while another request stores the entries (`_pending[state] =
    verifier`): a hand-off from one request to the next (a login's PKCE verifier, a job's result)
    that only works when the same process serves both."""
    own = [w for w in state.writes if w.function == fq]
    if not own or any(w.how != "`pop()`" for w in own) \
            or not any(w.how == "item assignment" for w in state.writes if w.function != fq):
        return False
    func = model.functions[fq][1]
    taken = f"{state.name}.pop"
    return all(any(isinstance(value, dict) and value.get("call") == taken for _name, value in func.bound_on(w.line))
               for w in own)


def _readers(model: ProjectModel, state: ModuleState) -> list[str]:
    """Functions of the defining module that look the variable up (a method call that does not
    change it, passing it on, iterating it)."""
    out = []
    for qualname, func in state.facts.functions.items():
        if any(_reads(site, state.name) for site in func.calls):
            out.append(f"{state.module}.{qualname}")
    return sorted(out)


def _reads(site, name: str) -> bool:
    chain = site.func or ()
    if chain and chain[0] == name and len(chain) > 1 and chain[-1] not in MUTATORS:
        return True
    if site.loop_iter == name or site.loop_iter.startswith(name + "."):
        return True
    return any(isinstance(v, dict) and str(v.get("ref", "")).split(".")[0] == name
               for v in (*site.args, *site.kwargs.values()))


def _telemetry_handle(model: ProjectModel, state: ModuleState) -> bool:
    """A global the writers bind to an OpenTelemetry meter, tracer or instrument (`_meter =
    provider.get_meter("svc")`, `_latency = _meter.create_histogram(...)`), or reset to a constant:
    every process holds its own handle and the collector adds up what each exports."""
    bound = []
    for fq in state.writers():
        value = model.functions[fq][1].local_types.get(state.name) if fq in model.functions else None
        bound.append(value.get("call") if isinstance(value, dict) else None)
    calls = [call for call in bound if isinstance(call, str)]
    return state.kind == "global" and bool(calls) and all(map(builds_telemetry_handle, calls)) \
        and all(w.how == "`global` rebinding" for w in state.writes)


def _candidate(state: ModuleState) -> bool:
    """A module container or global outside tests, not named like a cache (a cache shared across
    requests is what it is for)."""
    return not is_test_path(state.facts.path) and state.kind in ("container", "global") \
        and not _CACHE.search(state.name)


def _request_readers(model: ProjectModel, state: ModuleState, writers: list[str], all_writers,
                     driven) -> list[str]:
    """The request-driven functions that read what another request wrote: readers that never write
    it, then writers that read it back themselves (within a time window, or taking an entry out)."""
    readers = [fq for fq in _readers(model, state) if fq in driven and fq not in all_writers]
    return readers + [fq for fq in writers if _time_window(model, fq, state) or _takes(model, fq, state)]
