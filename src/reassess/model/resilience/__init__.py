"""Resilience, scalability and observability facts about the whole program, computed once
per model: external calls and the clients they run on (with effective timeouts, retries,
breakers and handlers), module-level state and who mutates it, background tasks and how
they recover. Rules ask `analysis(model)`; reports render the JSON-able inventories:

- `external_calls(model)`: one dict per call to the outside (see `ExternalCall.to_dict`).
- `client_inventory(model)`: one dict per client/pool constructor with its timeouts.
- `dependency_inventory(model)`: one dict per remote dependency with call/retry/breaker counts.
- `module_state_inventory(model)`: one dict per module-level variable written at run time, with
  its writers and the entry points that reach them.
- `worker_inventory(model)`: one dict per background worker loop and whether it survives errors.
"""
from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from ...knowledge import clients as lib
from . import calls as calls_mod
from .calls import ExternalCall
from .clients import Client, find_clients
from .guards import Guards, compute
from .trace import Tracer

if TYPE_CHECKING:
    from ..project import ProjectModel


@dataclass
class Dependency:
    """A remote service as the code reaches it: one client, or one address for one-shot calls."""

    name: str
    calls: list[ExternalCall] = field(default_factory=list)
    clients: list[Client] = field(default_factory=list)

    @property
    def library(self) -> str:
        return self.calls[0].library if self.calls else ""

    def to_dict(self) -> dict[str, Any]:
        return {
            "name": self.name, "library": self.library, "call_sites": len(self.calls),
            "clients": [f"{c.facts.path}:{c.site.line}" for c in self.clients],
            "retried": sum(1 for c in self.calls if c.retry), "breaker": sum(1 for c in self.calls if c.breaker),
            "handled_here": sum(1 for c in self.calls if c.handled),
            "unbounded": sum(1 for c in self.calls if c.unbounded),
            "sites": [f"{c.path}:{c.site.line}" for c in self.calls],
        }


@dataclass
class Resilience:
    tracer: Tracer
    guards: Guards
    clients: list[Client]
    calls: list[ExternalCall]
    dependencies: list[Dependency]


def analysis(model: "ProjectModel") -> Resilience:
    """Computed on first use and kept on the model (rules share it)."""
    return model.memo("resilience", lambda: _build(model))


def _build(model: "ProjectModel") -> Resilience:
    tracer = Tracer(model)
    guards = compute(tracer)
    clients = find_clients(tracer)
    for client in clients:
        client.name = calls_mod.client_name(tracer, client)
    calls = calls_mod.collect(tracer, guards, clients)
    calls_mod.name_by_sends(tracer, clients)
    calls_mod.attach_uses(tracer, clients)
    return Resilience(tracer, guards, clients, calls, _group(calls))


def _group(calls: list[ExternalCall]) -> list[Dependency]:
    """Remote dependencies: calls grouped by the client they use, else by their address."""
    groups: dict[str, Dependency] = {}
    for call in calls:
        if call.kind not in calls_mod.REMOTE_KINDS:
            continue
        dep = groups.setdefault(call.dependency, Dependency(call.dependency))
        dep.calls.append(call)
        if call.client is not None and call.client not in dep.clients:
            dep.clients.append(call.client)
    return [groups[name] for name in sorted(groups)]


# ----- inventories for the reports ----------------------------------------------------------------
def external_calls(model: "ProjectModel") -> list[dict[str, Any]]:
    return [c.to_dict() for c in analysis(model).calls]


def client_inventory(model: "ProjectModel") -> list[dict[str, Any]]:
    out = []
    for client in analysis(model).clients:
        out.append({
            "path": client.facts.path, "line": client.site.line, "function": client.function_fq,
            "factory": client.factory, "kind": client.spec.kind, "dependency": client.name,
            "timeouts": {phase: lib.describe_seconds(t.effective) for phase, t in sorted(client.timeouts.items())},
            "unbounded": client.unbounded, "call_sites": len(client.uses),
        })
    return out


def dependency_inventory(model: "ProjectModel") -> list[dict[str, Any]]:
    return [d.to_dict() for d in analysis(model).dependencies]


def by_function(calls: list[ExternalCall]) -> dict[str, list[ExternalCall]]:
    out: dict[str, list[ExternalCall]] = defaultdict(list)
    for call in calls:
        out[call.fq].append(call)
    return out


def module_state_inventory(model: "ProjectModel") -> list[dict[str, Any]]:
    from .runtime import entries_reaching
    from .state import module_state

    out = []
    for state in module_state(model):
        entries = [e.name for e, _chain in entries_reaching(model, set(state.writers()), limit=8)]
        out.append(state.to_dict({state.fq: entries}))
    return out


def worker_inventory(model: "ProjectModel") -> list[dict[str, Any]]:
    from .tasks import workers

    return [w.to_dict() for w in workers(model)]


def reaching_remote(model: "ProjectModel") -> frozenset[str]:
    """The project functions that make a remote call (HTTP, database, cache), or call one that does."""
    def build() -> frozenset[str]:
        seeds = {call.fq for call in analysis(model).calls}
        seeds.update(op["function"] for resource in model.app.resources
                     for op in resource.details.get("operations", ()) if op.get("function") in model.functions)
        return frozenset(model.reach({fq: None for fq in sorted(seeds)}, lambda edge: True))
    return model.memo("resilience.reaching_remote", build)
