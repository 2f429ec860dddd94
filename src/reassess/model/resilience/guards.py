"""What protects a call: timeouts around it (asyncio.wait_for, asyncio.timeout blocks,
wrappers and callers that bound it, request-timeout middleware), retries (decorators,
retrying blocks, hand-written loops) and circuit breakers. Each is computed once per
model as a set of protected call sites and functions."""
from __future__ import annotations

from collections import deque
from dataclasses import dataclass, field
from functools import lru_cache
from typing import TYPE_CHECKING, Iterable

from ...facts.types import CallSite, FunctionFacts, ModuleFacts
from ...knowledge import retry as knowledge
from . import blocks as blk
from ..app import is_test_path
from ..origins import positional_params
from .trace import Tracer

if TYPE_CHECKING:
    from ..project import Edge, ProjectModel


@dataclass
class Guards:
    bounded_sites: dict[int, str] = field(default_factory=dict)  # id(site) -> how it is bounded
    covered: dict[str, str] = field(default_factory=dict)  # function fq -> why all its runs are bounded
    retried_sites: dict[int, str] = field(default_factory=dict)
    retried: dict[str, str] = field(default_factory=dict)  # function fq -> how its calls are retried
    broken_sites: dict[int, str] = field(default_factory=dict)
    breakered: dict[str, str] = field(default_factory=dict)  # function fq -> breaker protecting it
    timeout_middleware: str = ""
    socket_default: str = ""  # where socket.setdefaulttimeout gives sockets a process-wide limit


def resolved_name(model: "ProjectModel", facts: ModuleFacts, func: FunctionFacts | None, dotted: str) -> str:
    """The canonical external/project name a dotted expression as written refers to."""
    if not dotted:
        return ""
    found = model.resolver.type_of_chain(facts, func, tuple(dotted.split(".")))
    return found[1] if found else ""


def compute(tracer: Tracer) -> Guards:
    guards = Guards()
    _timeouts(tracer, guards)
    _retries(tracer, guards)
    _breakers(tracer, guards)
    return guards


# ----- timeouts ----------------------------------------------------------------------------------
def _timeouts(tracer: Tracer, guards: Guards) -> None:
    model = tracer.model
    wrappers = _wrapper_params(tracer)
    wrapping = model.functions_calling(to=knowledge.TIMEOUT_WRAPPERS)  # the functions that can bound a call
    wrapping.update(edge.caller for fq in wrappers for edge in model.callers.get(fq, ()))
    for fq, edges in model.edges.items():
        facts, func = model.functions[fq]
        for edge in (edges if fq in wrapping else ()):
            if edge.site.args and (knowledge.is_timeout_wrapper(edge.target.name) or
                                   wrappers and edge.target.is_project):
                _mark_wrapped(tracer, facts, func, edge, wrappers, guards)  # (no other call can bound one)
        if not any(True for _ in blk.blocks(func, "with")):
            continue
        for site in func.calls:
            if id(site) in guards.bounded_sites:
                continue
            for expr in blk.with_exprs(func, site.line):
                if knowledge.is_timeout_wrapper(resolved_name(model, facts, func, expr)):
                    guards.bounded_sites[id(site)] = f"inside `with {expr}(...)`"
                    break
    seeds = _middleware_covered(tracer, guards)
    _close_covered(model, guards, seeds)
    guards.socket_default = _socket_default(model)


def _socket_default(model: "ProjectModel") -> str:
    """`socket.setdefaulttimeout(n)` anywhere: requests and urllib sockets then have a limit."""
    found = [e for e in model.calls_to("socket.setdefaulttimeout") if e.site.args and e.site.args[0] is not None]
    if found:  # the first in `model.edges` order, as a walk over all calls would meet it
        order = {fq: n for n, fq in enumerate(model.edges)}
        first = min(found, key=lambda edge: order[edge.caller])
        return f"{first.caller}:{first.site.line}"
    for owner, edges in model.module_edges.items():
        for edge in edges:
            if edge.target.name == "socket.setdefaulttimeout" and edge.site.args and edge.site.args[0] is not None:
                return f"{owner}:{edge.site.line}"
    return ""


def _wrapper_params(tracer: Tracer) -> dict[str, int]:
    """Project functions that await one of their parameters under a timeout:
    fq -> the parameter's position (as callers pass it)."""
    model = tracer.model
    out: dict[str, int] = {}
    for fq in sorted(model.functions_calling(to=knowledge.TIMEOUT_WRAPPERS)):
        edges = model.edges[fq]
        facts, func = model.functions[fq]
        positional = positional_params(func)
        for edge in edges:
            if not knowledge.is_timeout_wrapper(edge.target.name) or not edge.site.args:
                continue
            first = edge.site.args[0]
            if isinstance(first, dict) and first.get("ref") in positional:
                out[fq] = positional.index(first["ref"])
    return out


def _mark_wrapped(tracer: Tracer, facts: ModuleFacts, func: FunctionFacts, edge: "Edge",
                  wrappers: dict[str, int], guards: Guards) -> None:
    """`await asyncio.wait_for(client.get(...), 5)` and `await with_timeout(client.get(...))`
    bound the inner call."""
    site = edge.site
    name = edge.target.name
    index = 0 if knowledge.is_timeout_wrapper(name) else wrappers.get(tracer.model.callee_function(edge.target), -1)
    if index < 0 or index >= len(site.args):
        return
    inner = site.args[index]
    if isinstance(inner, dict) and "ref" in inner and inner["ref"] in func.local_types:
        inner = _task_coroutine(tracer, facts, func, func.local_types[inner["ref"]])
    if isinstance(inner, dict) and "call" in inner:
        target = tracer.find_site(facts, func, inner["call"], inner.get("line", 0))
        if target is not None:
            guards.bounded_sites[id(target)] = f"awaited through `{site.name}(...)` at line {site.line}"


def _task_coroutine(tracer: Tracer, facts: ModuleFacts, func: FunctionFacts, value: object) -> object:
    """`task = create_task(coro(...))` then `wait_for(task, ...)`: the coroutine call."""
    if not isinstance(value, dict) or "call" not in value:
        return None
    if value["call"].rsplit(".", 1)[-1] not in ("create_task", "ensure_future"):
        return value
    spawn = tracer.find_site(facts, func, value["call"], value.get("line", 0))
    return spawn.args[0] if spawn is not None and spawn.args else None


def _middleware_covered(tracer: Tracer, guards: Guards) -> dict[str, str]:
    """An HTTP middleware that runs `call_next` under a timeout bounds every async route."""
    model = tracer.model
    for edge in model.calls_named("call_next"):  # the first bounded one, in fq order
        if id(edge.site) in guards.bounded_sites:
            guards.timeout_middleware = edge.caller
            break
    if not guards.timeout_middleware:
        return {}
    why = f"request timeout middleware {guards.timeout_middleware}"
    return {e.function: why for e in model.app.of_kind("http", "websocket")
            if model.functions.get(e.function, (None, None))[1] is not None
            and model.functions[e.function][1].is_async}


def _close_covered(model: "ProjectModel", guards: Guards, seeds: dict[str, str]) -> None:
    """A function is bounded when every project call of it is: each call site is bounded
    or sits in a function that is itself bounded (worklist to a fixed point)."""
    covered = guards.covered
    covered.update(seeds)
    overrides = _overridden(model)
    queue = deque(sorted(set(model.callers) | set(overrides)))
    while queue:
        fq = queue.popleft()
        if fq in covered or not _cancellable(model, fq):
            continue
        callers = list(model.callers.get(fq, []))
        for base in overrides.get(fq, ()):
            callers.extend(model.callers.get(base, []))
        callers = [e for e in callers if not is_test_path(model.functions[e.caller][0].path)]
        if not callers:
            continue
        if all(id(e.site) in guards.bounded_sites or e.caller in covered for e in callers):
            first = callers[0]
            covered[fq] = guards.bounded_sites.get(id(first.site)) or covered.get(first.caller, "") or "callers"
            for edge in model.edges.get(fq, []):
                callee = model.callee_function(edge.target)
                if callee and callee not in covered:
                    queue.append(callee)
                    queue.extend(o for o, bases in overrides.items() if callee in bases and o not in covered)


def _cancellable(model: "ProjectModel", fq: str) -> bool:
    """Only a coroutine can be cut short by an asyncio timeout: a sync function (run through
    `to_thread`, an executor or called inline) keeps running when its awaiter gives up, so a
    hung `requests` call in it still holds its thread for ever."""
    entry = model.functions.get(fq)
    return entry is None or entry[1].is_async


def _overridden(model: "ProjectModel") -> dict[str, list[str]]:
    """Methods that override a project base class's method: calls of the base method
    (through the base type) may run them."""
    out: dict[str, list[str]] = {}
    for cls_fq, (_facts, cls) in model.classes.items():
        bases = model.mro(cls_fq)[1:]
        if not bases:
            continue
        for method in cls.methods:
            found = [f"{b}.{method}" for b in bases if f"{b}.{method}" in model.functions]
            if found:
                out[f"{cls_fq}.{method}"] = found
    return out


# ----- retries -----------------------------------------------------------------------------------
def _retries(tracer: Tracer, guards: Guards) -> None:
    model = tracer.model
    roots: dict[str, str] = {}
    retrying: set[str] = set()  # functions with a retried call site
    names: dict[tuple[str, str], str] = {}  # (module, decorator) -> resolved: route decorators repeat
    keepalive = _keepalive_loops(model)
    for fq, facts, func in model.iter_functions():
        for deco in func.decorators:
            key = (facts.module, deco.func)
            if key not in names:
                names[key] = resolved_name(model, facts, None, deco.func)
            if (knowledge.is_retry_decorator(names[key]) or _retry_factory(model, names[key])
                    or names[key] in _hand_retry_decorators(model)):
                roots[fq] = f"@{deco.func}"
        if not _may_retry(func):
            continue
        for site in func.calls:
            how = _retry_context(model, facts, func, site, keepalive.get(fq, ()))
            if how:
                guards.retried_sites[id(site)] = how
                retrying.add(fq)
    _callees_protected(model, retrying, guards.retried_sites, roots)
    guards.retried.update(_forward(model, roots))


def _retry_factory(model: "ProjectModel", fq: str) -> bool:
    """A project function returning a retry decorator (`def http_retry(): return retry(stop=...)`),
    applied as `@http_retry()`: the project's shared policy. Memoised per run."""
    found = model.memo("guards.retry_factories", dict)
    if fq not in found:
        facts, func = model.functions.get(fq, (None, None))
        found[fq] = bool(func) and any(
            isinstance(value, dict) and isinstance(value.get("call"), str)
            and knowledge.is_retry_decorator(resolved_name(model, facts, func, value["call"]))
            for value in func.returns_values)
    return found[fq]


def _hand_retry_decorators(model: "ProjectModel") -> frozenset[str]:
    """Project decorators written by hand that retry the function they wrap: a nested wrapper
    calls a parameter of an enclosing function (`fn(*args, **kwargs)`) inside a retry loop
    (`for attempt in range(n): try: return await fn(...) except ...: sleep`). The decorator and
    its factory (`@async_retry(attempts=3)`) both count. Memoised per run."""
    def build() -> frozenset[str]:
        out: set[str] = set()
        for fq, facts, func in model.iter_functions():
            if not func.is_nested or not _may_retry(func):
                continue
            parts = fq.split(".<locals>.")
            outer = [".<locals>.".join(parts[:i]) for i in range(1, len(parts))]
            params = {p.name for o in outer if o in model.functions for p in model.functions[o][1].params}
            if any(site.name in params and _retry_context(model, facts, func, site) for site in func.calls):
                out.update(outer)
        return frozenset(out)
    return model.memo("guards.hand_retry_decorators", build)


def _callees_protected(model: "ProjectModel", holders: set[str], sites: dict[int, str], roots: dict[str, str]) -> None:
    """The project functions called at protected sites become roots (the first reason wins,
    callers in `model.edges` order); only the functions holding such sites are visited."""
    for fq, edges in model.edges.items():
        if fq not in holders:
            continue
        for edge in edges:
            how = sites.get(id(edge.site))
            if how:
                callee = model.callee_function(edge.target)
                if callee:
                    roots.setdefault(callee, how)


def _keepalive_loops(model: "ProjectModel") -> dict[str, set[int]]:
    """function fq -> lines of the loops that keep background workers alive."""
    out: dict[str, set[int]] = {}
    for entry in model.app.of_kind("worker"):
        loop = entry.details.get("loop") or {}
        if loop.get("function") and loop.get("line"):
            out.setdefault(loop["function"], set()).add(loop["line"])
    return out


def _retry_context(model: "ProjectModel", facts: ModuleFacts, func: FunctionFacts, site: CallSite,
                   keepalive: Iterable[int] = ()) -> str:
    """A retrying block around the call: `for attempt in AsyncRetrying(...)`, or a loop that
    catches the failure inside it and sleeps (or counts attempts with range) before trying again."""
    for loop in blk.enclosing(func, site.line, "loop"):
        iterable = func.extra.get("loops", {}).get(loop["line"], {}).get("iter")
        iter_name = iterable.get("call", "") if isinstance(iterable, dict) else ""
        if iter_name and _retry_block(model, resolved_name(model, facts, func, iter_name)):
            return f"`{iter_name}` loop at line {loop['line']}"
        if not blk.guarded_by_handler(func, site.line, within=(loop["line"], loop["end"])):
            continue
        if loop.get("forever") or loop["line"] in keepalive:
            continue  # a polling loop tries again next round; that is not a retry of this call
        sleeps = [s for s in blk.calls_in(func, loop["line"], loop["end"])
                  if resolved_name(model, facts, func, s.name) in knowledge.SLEEPS]
        if sleeps:
            return f"retry loop at line {loop['line']} (sleeps at line {sleeps[0].line})"
        if iter_name in ("range", "itertools.count"):
            return f"retry loop at line {loop['line']} (no backoff)"
    for expr in blk.with_exprs(func, site.line):
        if resolved_name(model, facts, func, expr) in knowledge.RETRY_BLOCKS:
            return f"`with {expr}` block"
    return ""


def _retry_block(model: "ProjectModel", name: str) -> bool:
    """`AsyncRetrying(...)`, or a project policy returning one (`def retrying(): return
    AsyncRetrying(stop=..., wait=...)`, iterated as `async for attempt in retrying():`)."""
    if name in knowledge.RETRY_BLOCKS:
        return True
    found = model.memo("guards.retry_block_factories", dict)
    if name not in found:
        facts, func = model.functions.get(name, (None, None))
        found[name] = bool(func) and any(
            isinstance(value, dict) and isinstance(value.get("call"), str)
            and resolved_name(model, facts, func, value["call"]) in knowledge.RETRY_BLOCKS
            for value in func.returns_values)
    return found[name]


def _may_retry(func: FunctionFacts) -> bool:
    """Only functions with a with-block, or a loop and a try, can hold a retrying construct."""
    kinds = {b["kind"] for b in func.extra.get("blocks", ())}
    return "with" in kinds or ("loop" in kinds and "try" in kinds)


def _forward(model: "ProjectModel", roots: dict[str, str]) -> dict[str, str]:
    """Every project function reachable from the roots, with the root's reason."""
    out = dict(roots)
    queue = deque(sorted(roots))
    while queue:
        fq = queue.popleft()
        for edge in model.edges.get(fq, []):
            callee = model.callee_function(edge.target)
            if callee and callee not in out:
                out[callee] = out[fq]
                queue.append(callee)
    return out


# ----- circuit breakers ---------------------------------------------------------------------------
def _breakers(tracer: Tracer, guards: Guards) -> None:
    model = tracer.model
    roots: dict[str, str] = {}
    breaking: set[str] = set()  # functions with a call inside a breaker block
    decorators: dict[tuple[str, str], bool] = {}  # (module, decorator) -> is a breaker: route decorators repeat
    for fq, facts, func in model.iter_functions():
        for deco in func.decorators:
            key = (facts.module, deco.func)
            if key not in decorators:
                decorators[key] = _is_breaker(tracer, facts, deco.func)
            if decorators[key]:
                roots[fq] = f"@{deco.func}"
        for edge in model.edges.get(fq, ()):
            site = edge.site
            if not (breaker_receiver(site.func) or _breaker_target(edge.target.name)):
                continue
            roots.setdefault(fq, f"`{site.name}` at line {site.line}")
            for arg in site.args[:1]:
                if isinstance(arg, dict) and "ref" in arg:
                    target = model.resolver.type_of_chain(facts, func, tuple(arg["ref"].split(".")))
                    if target and target[0] == "function":
                        roots.setdefault(target[1], f"`{site.name}` at line {site.line}")
        withs = [b for b in blk.blocks(func, "with") if _is_breaker(tracer, facts, b["expr"], func)]
        for block in withs:
            for site in blk.calls_in(func, block["line"], block["end"]):
                guards.broken_sites[id(site)] = f"`with {block['expr']}`"
                breaking.add(fq)
    _callees_protected(model, breaking, guards.broken_sites, roots)
    guards.breakered.update(_forward(model, roots))


_BREAKER_LIBRARIES = frozenset(name.split(".")[0] for name in knowledge.BREAKER_CLASSES | knowledge.BREAKER_DECORATORS)


@lru_cache(maxsize=65536)
def breaker_receiver(func: tuple[str, ...]) -> bool:
    """The object a call is made on is named like a breaker (`self.breaker.call(...)`).
    Memoised by call chain: the same few chains recur at every call site."""
    receiver = ".".join(func[:-1]) if func and len(func) > 1 else ""
    return bool(knowledge.BREAKER_WORDS.search(receiver))


@lru_cache(maxsize=65536)
def _breaker_target(name: str) -> bool:
    if name.split(".", 1)[0] not in _BREAKER_LIBRARIES:
        return False
    return name in knowledge.BREAKER_DECORATORS or any(name.startswith(cls) for cls in knowledge.BREAKER_CLASSES)


def _is_breaker(tracer: Tracer, facts: ModuleFacts, dotted: str, func: FunctionFacts | None = None) -> bool:
    if not dotted:
        return False
    if knowledge.BREAKER_WORDS.search(dotted):
        return True
    name = resolved_name(tracer.model, facts, func, dotted.split("(")[0])
    if name in knowledge.BREAKER_DECORATORS or name in knowledge.BREAKER_CLASSES:
        return True
    return any(name.startswith(cls + ".") for cls in knowledge.BREAKER_CLASSES)
