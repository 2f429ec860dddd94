"""The entry points that reach a dependency without a breaker (RA411): where their paths set off,
how they are named in a finding, and which calls are cited first."""
from __future__ import annotations

from ...findings import Location
from ...model.resilience.runtime import spawned_sites
from ...model.project import ProjectModel
from ._deps import entries_of_kind, unhandled_entries

MAX_RELATED = 10


BACKGROUND_KINDS = frozenset({"worker"})  # long-running loops: a scheduled job or one-off task ends


def entry_hops(model: ProjectModel, entries: list) -> list[Location]:
    """Where each request path sets off towards the dependency, and where it enters the client."""
    hops = {(model.site_path(edge), edge.site.line, edge.site.end_line, entry.name)
            for entry, chain in entries for edge in chain[:1] + chain[-1:]}
    return [Location(path, line, end, f"{name} calls towards it here")
            for path, line, end, name in sorted(hops)][:MAX_RELATED]


def through_task(model: ProjectModel, chain: list) -> bool:
    """The chain runs through a task the request starts (`create_task(...)`), not a call it waits for."""
    handed_off = spawned_sites(model)
    return any(id(edge.site) in handed_off for edge in chain)


def entry_names(model: ProjectModel, entries: list) -> list[str]:
    """The entry points' names, sorted; those that only start a task reaching the call say so."""
    return sorted({e.name + (" (in a task it starts)" if through_task(model, c) else "") for e, c in entries})


def unhandled_first(model: ProjectModel, calls: list) -> list:
    """The calls whose failure reaches a request with nothing on the way answering it (no
    fallback) first, else the order given: there a dead dependency costs each request its full
    timeout and then an error, while a call with a degraded path only costs the wait (a call
    reached through an interface method counts, which the chain ends of the entries miss)."""
    if not 2 <= len(calls) <= MAX_RELATED:  # one reachability walk per call: kept to small groups
        return calls
    bare = {c.fq for c in calls if unhandled_entries(model, [c])}
    return sorted(calls, key=lambda c: c.fq not in bare)


def worker_entries(model: ProjectModel, calls: list) -> list:
    """Background workers (not requests: those are asked first) whose loop reaches the calls."""
    return entries_of_kind(model, {call.fq for call in calls}, BACKGROUND_KINDS)
