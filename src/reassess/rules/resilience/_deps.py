"""Remote dependencies as the resilience rules report them: calls grouped per service (and
sibling implementations of one interface grouped together), with the entry points that
reach them. Where a failure travels (`_caught_failures`), work that loses it (`_detached_work`)
and whether a request may be resent (`_retry_safety`) live beside it, re-exported here so the
rules import one module."""
from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property
from typing import TYPE_CHECKING, Callable

from ...findings import Location
from ...model.app import EntryPoint
from ...model.resilience import Dependency, analysis
from ...model.resilience.calls import ExternalCall
from ...model.resilience.clients import binding_of
from ...model.app import is_test_path
from ...model.resilience.runtime import entries_reaching, overrides_of, spawns
# re-exported: the rules import these from here
from ._caught_failures import (REQUEST_KINDS, catches_named, catches_raised, caught_at, global_handler, raised_below,
                               raised_by_client, reported_entries, unhandled_entries, values_gather)
from ._detached_work import QueueUse, detached_uses, queue_uses
from ._retry_safety import IDEMPOTENT, fetches, fresh_dedupe_key, read_only_post, retry_safe, single_use_request

if TYPE_CHECKING:
    from ...model.project import Edge, ProjectModel


@dataclass
class Group:
    """One dependency, or several implementations of one interface (payment backends...)."""

    name: str
    deps: list[Dependency] = field(default_factory=list)

    @cached_property
    def calls(self) -> list[ExternalCall]:
        """The group's calls outside the tests, in file order; asked many times per group by every
        resilience rule, so sorted once (groups are complete when built)."""
        return sorted((c for d in self.deps for c in d.calls if not is_test_path(c.path)),
                      key=lambda c: (c.path, c.site.line))

    @property
    def library(self) -> str:
        return self.deps[0].library if self.deps else ""

    @property
    def shared(self) -> bool:
        """Some client of the group lives for the process (kept on an instance, module or app.state)."""
        return any(binding_of(c)[0] in ("self", "module", "state") for d in self.deps for c in d.clients)

    def anchor(self) -> tuple[str, int, int]:
        """Where to cite the group: its first client's constructor, else its first call."""
        clients = sorted((c for d in self.deps for c in d.clients), key=lambda c: (c.facts.path, c.site.line))
        if clients:
            return clients[0].facts.path, clients[0].site.line, clients[0].site.end_line
        first = self.calls[0]
        return first.path, first.site.line, first.site.end_line


def groups(model: "ProjectModel") -> list[Group]:
    return model.memo("resilience.groups", lambda: _build(model))


def _build(model: "ProjectModel") -> list[Group]:
    deps = [d for d in analysis(model).dependencies if not all(is_test_path(c.path) for c in d.calls)]
    families = {d.name: _family(model, d) for d in deps}
    sizes: dict[str, int] = {}
    for family in families.values():
        if family:
            sizes[family] = sizes.get(family, 0) + 1
    out: dict[str, Group] = {}
    for dep in deps:
        family = families[dep.name]
        key = f"{family} implementations" if family and sizes[family] > 1 else dep.name
        out.setdefault(key, Group(key)).deps.append(dep)
    return [out[k] for k in sorted(out)]


def _family(model: "ProjectModel", dep: Dependency) -> str:
    """The top project base class of the class that owns the dependency's client, if any. A
    dependency also called from outside a class (a route that posts to the same host) is a
    service of its own, not one implementation's backend: it keeps its name."""
    if any(not c.func.class_name for c in dep.calls):
        return ""
    owners = sorted({f"{c.facts.module}.{c.func.class_name}" for c in dep.clients if c.func and c.func.class_name}
                    | {f"{c.facts.module}.{c.func.class_name}" for c in dep.calls if c.func.class_name})
    for owner in owners:
        bases = model.mro(owner)[1:] if owner in model.classes else []
        if bases and _through_interface(model, dep, bases):
            return bases[-1].rsplit(".", 1)[-1]
    return ""


def _through_interface(model: "ProjectModel", dep: Dependency, bases: list[str]) -> bool:
    """Some call of the dependency runs in a method that overrides one of the bases' methods, or in a
    method such an override calls (`StripeBackend.charge` posting through `self._post`): the service
    is reached through the interface the classes share. Classes that only share a base (ORM models
    of one declarative base, each fetching from a marketplace in a classmethod of its own) are not
    implementations of one service, and each dependency keeps its address as its name."""
    by_class = _overriders_by_class(model)
    overriding = {fq for base in bases for fq in by_class.get(base, ())}
    for call in dep.calls:
        if call.fq in overriding or any(edge.caller in overriding for edge in model.callers.get(call.fq, ())):
            return True
    return False


def _overriders_by_class(model: "ProjectModel") -> dict[str, frozenset[str]]:
    """Class fq -> the methods that override one of its methods, grouped once per model: every
    dependency of every owner asks about its bases."""
    def build() -> dict[str, frozenset[str]]:
        found: dict[str, set[str]] = {}
        for base, subs in overrides_of(model).items():
            found.setdefault(base.rsplit(".", 1)[0], set()).update(subs)
        return {cls: frozenset(fqs) for cls, fqs in found.items()}
    return model.memo("resilience.overriders_by_class", build)


def entries_of_kind(model: "ProjectModel", functions: set[str],
                    kinds: frozenset[str]) -> list[tuple[EntryPoint, list["Edge"]]]:
    """The entry points of one of `kinds` (requests, workers, jobs) reaching any of `functions`, each
    with its chain (at most 50)."""
    return [(e, c) for e, c in entries_reaching(model, functions, limit=50) if e.kind in kinds]


def request_entries(model: "ProjectModel", calls: list[ExternalCall]) -> list[tuple[EntryPoint, list["Edge"]]]:
    return entries_of_kind(model, {c.fq for c in calls}, REQUEST_KINDS)


def spawned_by_requests(model: "ProjectModel", calls: list[ExternalCall]) -> list[tuple[EntryPoint, list["Edge"]]]:
    """Request entry points that start a task (`create_task(self._alerts.evaluate(...))`) whose
    work reaches one of the calls, each with its chain through the spawn: the request does not
    wait for the call, but every request starts one more, so they pile up with the requests.
    Entry points that reach the calls directly are left out (`request_entries` has them)."""
    direct = {e.function for e, _c in request_entries(model, calls)}
    started = {s.target: s for s in spawns(model)}
    out: dict[str, tuple[EntryPoint, list["Edge"]]] = {}
    for task, chain in entries_reaching(model, {c.fq for c in calls}, limit=50):
        spawn = started.get(task.function)
        if task.kind != "task" or spawn is None:
            continue
        hop = next((e for e in model.edges.get(spawn.spawner, ()) if e.site is spawn.inner), None)
        for entry, lead in entries_reaching(model, {spawn.spawner}, limit=50):
            if entry.kind in REQUEST_KINDS and entry.function not in direct and hop is not None:
                out.setdefault(entry.function, (entry, [*lead, hop, *chain]))
    return [out[fq] for fq in sorted(out)]


def chain_ends(model: "ProjectModel", entries: list[tuple[EntryPoint, list["Edge"]]]) -> set[str]:
    """The functions the entry points' chains end in (those making the calls asked about)."""
    return {model.callee_function(chain[-1].target) if chain else entry.function for entry, chain in entries}


LIBRARY_ERRORS = {"httpx": "httpx.HTTPError", "requests": "requests.RequestException",
                  "aiohttp": "aiohttp.ClientError", "urllib": "urllib.error.URLError"}
TRANSIENT_ERRORS = {"httpx": "httpx.TransportError", "requests": "requests.ConnectionError",
                    "aiohttp": "aiohttp.ClientConnectionError", "urllib": "urllib.error.URLError"}


def example_function(calls: list[ExternalCall]) -> tuple[str, bool]:
    """The name of the first calling function and whether it is a coroutine."""
    first = calls[0]
    return first.func.name, first.func.is_async


def cited_call(calls: list[ExternalCall]) -> ExternalCall:
    """The call a finding about them points at: the first one written in a function that carries
    its own retry decorator (where a guard would go), else the first."""
    for call in calls:
        if call.retry.startswith("@") and any(call.retry == f"@{d.func}" for d in call.func.decorators):
            return call
    return calls[0]


def client_locations(group: Group, note: str) -> list[Location]:
    clients = sorted({(c.facts.path, c.site.line, c.site.end_line) for d in group.deps for c in d.clients})
    return [Location(path, line, end, note) for path, line, end in clients[:2]]


def left_out(calls: list[ExternalCall], guard: Callable[[ExternalCall], str],
             shared_state: bool = False) -> list[ExternalCall]:
    """The calls a dependency's own guard (its retry, its breaker) leaves out, when most of the
    functions calling it, and at least two, use that guard: the odd one out was forgotten.
    A guard with state shared by the whole dependency (a circuit breaker tracks whether the
    service is down, not whether one call may be repeated) should cover every call, so there
    one guarded function that the bypassing ones do not outnumber is enough."""
    guarded = {c.fq for c in calls if guard(c)}
    bare = [c for c in calls if not guard(c) and c.fq not in guarded]
    bare_functions = len({c.fq for c in bare})
    if shared_state:
        return bare if guarded and len(guarded) >= bare_functions else []
    if len(guarded) < 2 or len(guarded) <= bare_functions:
        return []
    return bare
