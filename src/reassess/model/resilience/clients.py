"""Clients and pools as the code creates them, with the timeouts they end up with.

A client is a constructor call from `knowledge.clients` (httpx.AsyncClient, aiohttp
ClientSession, redis.from_url, asyncpg.create_pool, create_engine, ...). Its effective
timeouts combine the keywords written at the call, timeout objects held in variables
(`timeout = aiohttp.ClientTimeout(total=10)`), constants followed through settings, and
the library's documented defaults. Anything that cannot be proven stays "unknown".
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from ...facts.types import CallSite, FunctionFacts, ModuleFacts
from ...knowledge import clients as lib
from .trace import Origin, Tracer

UNKNOWN = lib.UNKNOWN
HIDDEN_KWARGS = "keywords passed through **kwargs"


@dataclass
class Client:
    """One constructor call site of a client, pool or engine."""

    spec: lib.ClientSpec
    facts: ModuleFacts
    func: FunctionFacts | None
    site: CallSite
    timeouts: dict[str, lib.EffectiveTimeout] = field(default_factory=dict)
    unbounded: list[str] = field(default_factory=list)  # phases proven to have no limit
    users: list[Any] = field(default_factory=list)  # ExternalCall records using this client
    uses: list[tuple[str, CallSite]] = field(default_factory=list)  # (caller fq, site) of every call on it
    name: str = ""  # the dependency it talks to, for display

    @property
    def key(self) -> tuple[str, int]:
        return (self.facts.path, self.site.line)

    @property
    def function_fq(self) -> str:
        return f"{self.facts.module}.{self.func.qualname}" if self.func else self.facts.module

    @property
    def factory(self) -> str:
        return self.spec.factory

    def describe_timeouts(self) -> str:
        parts = []
        for phase, timeout in sorted(self.timeouts.items()):
            where = "written" if timeout.present else "default"
            parts.append(f"{timeout.kwarg} ({phase}): {lib.describe_seconds(timeout.effective)} [{where}]")
        return "; ".join(parts)


def client_timeouts(tracer: Tracer, facts: ModuleFacts, func: FunctionFacts | None, site: CallSite,
                    spec: lib.ClientSpec) -> dict[str, lib.EffectiveTimeout]:
    """Effective timeouts of a client constructor or one-shot call, keyed by phase."""
    out: dict[str, lib.EffectiveTimeout] = {}
    for timeout in spec.timeouts:
        out[timeout.phase] = resolve_timeout(tracer, facts, func, site, timeout)
    return out


def resolve_timeout(tracer: Tracer, facts: ModuleFacts, func: FunctionFacts | None, site: CallSite,
                    timeout: lib.Timeout) -> lib.EffectiveTimeout:
    """One timeout keyword at a call: literal, None, or followed to a constant or a timeout
    object; a keyword hidden in **kwargs is unknown, never missing."""
    if timeout.kwarg not in site.kwargs and site.star_args and \
            not forwarded_without(tracer, facts, func, site, timeout.kwarg):
        result = lib.effective(timeout, {})
        result.effective, result.note = UNKNOWN, HIDDEN_KWARGS
        return result
    kwargs = _with_positional(site, timeout)
    result = lib.effective(timeout, kwargs, literal_none=timeout.kwarg in site.none_kwargs)
    if not result.present or result.effective != UNKNOWN or kwargs.get(timeout.kwarg) is None:
        return result
    origins = tracer.origins(facts, func, kwargs[timeout.kwarg])
    result.effective = _from_origins(tracer, origins, timeout)
    result.details["traced"] = [o.kind for o in origins]
    built = [o for o in origins if o.kind == "call" and o.site is not None and o.facts is facts]
    if len(origins) == 1 and built:
        result.details["built_at"] = built[0].site.line  # `timeout = ClientTimeout(total=None)` a few lines up
    return result


def _with_positional(site: CallSite, timeout: lib.Timeout) -> dict:
    """The call's keywords, with the timeout passed by position (`smtplib.SMTP(host, port, None, 10)`)
    written as its keyword."""
    position = timeout.position
    if position is None or timeout.kwarg in site.kwargs or len(site.args) <= position or site.star_args:
        return site.kwargs
    return {**site.kwargs, timeout.kwarg: site.args[position]}


def forwarded_without(tracer: Tracer, facts: ModuleFacts, func: FunctionFacts | None, site: CallSite,
                      keyword: str) -> bool:
    """`client.request(method, url, **kwargs)` in `def _request(self, ..., **kwargs)` whose every
    project caller is known and passes neither `keyword=` nor `**` of its own: the keyword is
    provably absent, not hidden."""
    kwarg = next((p.name for p in func.params if p.kind == "kwarg"), "") if func is not None else ""
    if not kwarg or set(site.star_kwargs) != {kwarg}:  # `**kwargs` only: no `**{...}`, no other mapping
        return False
    callers = tracer.model.callers.get(f"{facts.module}.{func.qualname}", [])
    return bool(callers) and all(keyword not in e.site.kwargs and not e.site.star_args for e in callers)


def _from_origins(tracer: Tracer, origins: list[Origin], timeout: lib.Timeout) -> lib.Seconds:
    """The effective seconds of a traced keyword value: None only when every origin is a
    proven None (or a timeout object disabling every phase), else a number or UNKNOWN."""
    values: list[lib.Seconds] = []
    for origin in origins:
        if origin.kind == "none":
            values.append(None)
        elif origin.kind == "const" and isinstance(origin.value, (int, float)) and not isinstance(origin.value, bool):
            values.append(float(origin.value) * timeout.unit)
        elif origin.kind == "call" and origin.site is not None:
            values.append(timeout_object_seconds(tracer, origin))
        else:
            values.append(UNKNOWN)
    if values and all(v is None for v in values):
        return None
    numbers = [v for v in values if isinstance(v, float)]
    if numbers and len(numbers) == len(values):
        return max(numbers)
    return UNKNOWN


def timeout_object_seconds(tracer: Tracer, origin: Origin) -> lib.Seconds:
    """`httpx.Timeout(None)` -> None; `aiohttp.ClientTimeout(total=10)` -> 10; other calls UNKNOWN.
    The bound that matters is aiohttp's total (else sock_read) and httpx's read phase."""
    site = origin.site
    name = lib.canonical(tracer.call_name(site)) if site is not None else ""
    if site is None or origin.facts is None or name not in lib.TIMEOUT_OBJECTS or site.star_args:
        return UNKNOWN
    phases = lib.expand_timeout_object(name, site.args, site.kwargs)
    for phase, value in phases.items():
        if value is None and not _none_proven(name, phase, site):
            phases[phase] = UNKNOWN
    if name == "aiohttp.ClientTimeout":
        for key in ("total", "sock_read"):
            if isinstance(phases.get(key), float):
                return phases[key]
        return None if phases.get("total") is None and phases.get("sock_read") is None else UNKNOWN
    return phases.get("read", UNKNOWN)


def _none_proven(name: str, phase: str, site: CallSite) -> bool:
    """A phase that expanded to None is really unlimited only when None is written, not when
    the value is an expression the facts keep as None (`read=None if x else 5`): `phase=None`;
    in an aiohttp.ClientTimeout, its field left out (fields default to None) or given None by
    position; in an httpx.Timeout, the shared first argument (`Timeout(None)`,
    `Timeout(timeout=None)`) that every phase not written takes."""
    if phase in site.kwargs:
        return phase in site.none_kwargs
    if name == "aiohttp.ClientTimeout":
        index = lib.TIMEOUT_OBJECTS[name].index(phase)
        return index >= len(site.args) or index in site.none_args
    return 0 in site.none_args if site.args else "timeout" in site.none_kwargs


def unbounded_phases(spec: lib.ClientSpec, timeouts: dict[str, lib.EffectiveTimeout]) -> list[str]:
    """Phases with no limit that matter: reads/commands waiting on the remote side."""
    out = []
    for phase, timeout in timeouts.items():
        if timeout.effective is None and phase in ("all", "total", "socket", "command", "read", "acquire"):
            out.append(phase)
    return out


def find_clients(tracer: Tracer) -> list[Client]:
    """Every constructor call of a known client/pool/engine (not one-shot calls)."""
    model = tracer.model
    found: list[Client] = []
    for fq, edges in sorted(model.edges.items()):
        facts, func = model.functions[fq]
        for edge in edges:
            _maybe_client(tracer, facts, func, edge.site, edge.target.name, edge.target.kind, found)
    for module, edges in sorted(model.module_edges.items()):
        facts = model.modules[module]
        for edge in edges:
            _maybe_client(tracer, facts, None, edge.site, edge.target.name, edge.target.kind, found)
    return found


def _maybe_client(tracer: Tracer, facts: ModuleFacts, func: FunctionFacts | None, site: CallSite, name: str,
                  kind: str, out: list[Client]) -> None:
    if kind != "external" or site.offloaded:
        return
    spec = lib.client_spec(name)
    if spec is None or spec.one_shot:
        return
    timeouts = client_timeouts(tracer, facts, func, site, spec)
    out.append(Client(spec, facts, func, site, timeouts, unbounded_phases(spec, timeouts)))


def binding_of(client: Client) -> tuple[str, str]:
    """Where the created client is kept: ("self", attr), ("module", name), ("state", attr) for
    `app.state.attr`, ("local", name), ("with", name) for `async with factory() as name`,
    ("return", "") when handed to the caller, or ("", "") when not known."""
    site, func, facts = client.site, client.func, client.facts
    ref = {"call": site.name, "line": site.line}
    if func is None:
        for name, assign in facts.assigns.items():
            if assign.value == ref:
                return ("module", name)
        for chain, value, _line in facts.extra.get("state_assigns", []):
            if value == ref:
                return ("state", chain.rsplit(".", 1)[-1])
        return ("", "")
    for attr, value in func.self_attrs.items():
        if value == ref:
            return ("self", attr)
    for chain, value, _line in func.extra.get("state_assigns", []):
        if value == ref:
            return ("state", chain.rsplit(".", 1)[-1])
    for name, value in func.local_types.items():
        if value == ref:
            with_block = any(b["line"] == site.line and b["expr"] == site.name for b in _with_blocks(func))
            if with_block or site.used_as == "async-with":
                return ("with", name)
            returned = {"ref": name} in func.returns_values or {"ref": name} in func.extra.get("yield_values", [])
            return ("return" if returned else "local", name)
    if ref in func.returns_values or ref in func.extra.get("yield_values", []):
        return ("return", "")
    if site.used_as == "async-with":
        return ("with", "")
    return ("", "")


def _with_blocks(func: FunctionFacts) -> list[dict]:
    return [b for b in func.extra.get("blocks", ()) if b["kind"] == "with"]
