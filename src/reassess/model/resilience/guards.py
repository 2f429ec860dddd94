"""What protects a call: timeouts around it (asyncio.wait_for, asyncio.timeout blocks,
wrappers and callers that bound it, request-timeout middleware), retries (decorators,
retrying blocks, hand-written loops) and circuit breakers. Each is computed once per
model as a set of protected call sites and functions."""
from __future__ import annotations

from collections import deque
from dataclasses import dataclass, field
from functools import lru_cache
from typing import TYPE_CHECKING, Callable, Iterable

from ...facts.types import CallSite, FunctionFacts, ModuleFacts
from ...knowledge import retry as knowledge
from . import blocks as blk
from ..app import is_test_path
from ..origins import positional_params
from ..passed import function_ref
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
    """The canonical external/project name a dotted expression as written refers to. Remembered
    per scope: the same `with` expression or sleep is asked about once per call site around it,
    and the model (hence the answer) no longer changes once it is built."""
    if not dotted:
        return ""
    names = model.memo("guards.resolved_names", dict)
    key = (facts.module, func.qualname, func.line, dotted) if func is not None else (facts.module, "", 0, dotted)
    if key not in names:
        found = model.resolver.type_of_chain(facts, func, tuple(dotted.split(".")))
        names[key] = found[1] if found else ""
    return names[key]


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
        bounding = _timeout_blocks(model, facts, func)
        for site in (func.calls if bounding else ()):
            if id(site) in guards.bounded_sites:
                continue
            for expr in blk.with_exprs(func, site.line):
                if expr in bounding:
                    guards.bounded_sites[id(site)] = f"inside `with {expr}(...)`"
                    break
    seeds = _middleware_covered(tracer, guards)
    _close_covered(model, guards, seeds)
    guards.socket_default = _socket_default(model)


def _timeout_blocks(model: "ProjectModel", facts: ModuleFacts, func: FunctionFacts) -> set[str]:
    """The expressions of the function's `with` blocks that bound what runs inside them
    (`asyncio.timeout(...)`): found once per function, so that only functions holding one have
    their call sites placed against their blocks."""
    return {b["expr"] for b in blk.blocks(func, "with")
            if _timeout_name(model, resolved_name(model, facts, func, b["expr"]))}


def _timeout_name(model: "ProjectModel", name: str) -> bool:
    """A timeout wrapper, or a project name the defining module also binds to one: the
    version shim `if hasattr(asyncio, "timeout"): deadline = asyncio.timeout` / `else: def
    deadline(delay): ...`, where the name resolves to the fallback function."""
    if knowledge.is_timeout_wrapper(name):
        return True
    module, _, attr = name.rpartition(".")
    facts = model.modules.get(module)
    bound = facts.assigns.get(attr) if facts is not None and name in model.functions else None
    ref = bound.value.get("ref") if bound is not None and isinstance(bound.value, dict) else None
    return bool(ref) and knowledge.is_timeout_wrapper(resolved_name(model, facts, None, ref))


def _socket_default(model: "ProjectModel") -> str:
    """`socket.setdefaulttimeout(n)` anywhere: urllib's and the stdlib clients' sockets then have a limit."""
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
    retrying |= _handed_to_retriers(model, guards.retried_sites, roots)
    _callees_protected(model, retrying, guards.retried_sites, roots)
    wrappers = _retry_wrappers(model)
    _handed_down(model, lambda _ref, fq: fq in wrappers, guards.retried_sites, roots)
    guards.retried.update(_forward(model, roots))


def _handed_to_retriers(model: "ProjectModel", sites: dict[int, str], roots: dict[str, str]) -> set[str]:
    """What a call hands to a project function that calls what it is handed in a retry loop.
    A lambda (`await retry_async(lambda: self.bank.transfer(ref, amount), attempts=4)`) makes a fresh
    call on each attempt, so the calls in it (and what they call) are retried: their sites go in
    `sites`. A project function handed by name (`await with_retry(attempt, attempts=3)`) is retried:
    it becomes a root. Returns the functions holding such lambda calls."""
    holders: set[str] = set()
    retriers = _callable_retriers(model)
    if not retriers:
        return holders
    for fq, edges in model.edges.items():
        func = model.functions[fq][1]
        for edge in edges:
            index = retriers.get(model.callee_function(edge.target) or "", -1)
            outer = edge.site
            if not 0 <= index < len(outer.args):
                continue
            arg = outer.args[index]
            how = f"`{outer.name}` at line {outer.line}"
            inside = _lambda_calls(func, outer, arg["lambda"]) if isinstance(arg, dict) and "lambda" in arg else None
            for site in inside or ():
                sites.setdefault(id(site), how)
                holders.add(fq)
            if inside is None and (passed := function_ref(model, fq, arg)):
                roots.setdefault(passed, how)
    return holders


def _lambda_calls(func: FunctionFacts, outer: CallSite, start: int) -> list[CallSite]:
    """The calls inside a lambda (from line `start`) written among the arguments of `outer`."""
    return [site for site in func.calls
            if site is not outer and start <= site.line <= outer.end_line and site.line >= outer.line]


def _callable_retriers(model: "ProjectModel") -> dict[str, int]:
    """fq -> position of the parameter a project function calls inside a retry loop (`for attempt
    in range(n): try: return await fn() except ...: await asyncio.sleep(delay)`). Memoised per run."""
    def build() -> dict[str, int]:
        out: dict[str, int] = {}
        for fq, facts, func in model.iter_functions():
            if not _may_retry(func) or is_test_path(facts.path):
                continue
            params = positional_params(func)
            for site in func.calls:
                name = (site.func or ("",))[0] if len(site.func or ()) == 1 else ""
                if name in params and _retry_context(model, facts, func, site):
                    out[fq] = params.index(name)
                    break
        return out
    return model.memo("guards.callable_retriers", build)


def _retry_wrappers(model: "ProjectModel") -> frozenset[str]:
    """Forwarders that call the function handed to them inside a retry loop (`async def
    retry_async(fn, *args, attempts=3, **kw)`: `for attempt ...: try: return await fn(*args, **kw)
    except ...: await asyncio.sleep(delay)`). Memoised per run."""
    def build() -> frozenset[str]:
        out: set[str] = set()
        for fq, index in forwarders(model).items():
            facts, func = model.functions[fq]
            name = positional_params(func)[index]
            if _may_retry(func) and any(site.star_args and tuple(site.func or ()) == (name,) and
                                        _retry_context(model, facts, func, site) for site in func.calls):
                out.add(fq)
        return frozenset(out)
    return model.memo("guards.retry_wrappers", build)


def forwarders(model: "ProjectModel") -> dict[str, int]:
    """Project functions that call a parameter with the rest of their arguments (`async def
    call(self, fn, *args, **kwargs): ... await fn(*args, **kwargs)`, a hand-written breaker or
    retry helper): fq -> the parameter's position as callers pass it. Memoised per run."""
    def build() -> dict[str, int]:
        out: dict[str, int] = {}
        for fq, (_facts, func) in model.functions.items():
            positional = positional_params(func)
            for site in func.calls:
                if site.star_args and site.func and len(site.func) == 1 and site.func[0] in positional:
                    out[fq] = positional.index(site.func[0])
                    break
        return out
    return model.memo("resilience.forwarders", build)


def handed_chain(model: "ProjectModel", facts: ModuleFacts, func: FunctionFacts, site: CallSite,
                 index: int) -> list[tuple[str, str]]:
    """What a call hands down a chain of forwarders, outermost first, as (ref, project fq or ""):
    `retry_async(self._breaker.call, self._get, url)` hands `self._breaker.call`, which hands
    `self._get`. A library breaker's `call` (`self._breaker.call`, pybreaker) forwards its first
    argument."""
    chain: list[tuple[str, str]] = []
    found = forwarders(model)
    while index < len(site.args) and len(chain) < 4:
        arg = site.args[index]
        ref = arg.get("ref") if isinstance(arg, dict) else None
        if not isinstance(ref, str):
            break
        target = model.resolver.type_of_chain(facts, func, tuple(ref.split(".")))
        fq = target[1] if target and target[0] == "function" else ""
        chain.append((ref, fq))
        step = found.get(fq) if fq else (0 if breaker_receiver(tuple(ref.split("."))) else None)
        if step is None:
            break
        index += 1 + step
    return chain


def _handed_chains(model: "ProjectModel") -> list[tuple["Edge", list[tuple[str, str]]]]:
    """Every call handing a callable down forwarders (a project forwarder, a breaker's `call`),
    with what it hands, outermost first. Memoised per run."""
    def build() -> list[tuple["Edge", list[tuple[str, str]]]]:
        found = forwarders(model)
        out = []
        for fq, edges in model.edges.items():
            facts, func = model.functions[fq]
            for edge in edges:
                callee = model.callee_function(edge.target)
                start = found.get(callee) if callee in found else (
                    0 if breaker_receiver(edge.site.func) or _breaker_target(edge.target.name) else None)
                chain = handed_chain(model, facts, func, edge.site, start) if start is not None else []
                if chain:
                    out.append((edge, chain))
        return out
    return model.memo("guards.handed_chains", build)


def handed_over(model: "ProjectModel") -> frozenset[str]:
    """Project functions some call hands to a forwarder to run (`self._breaker.call(self._fetch, since)`):
    used by project code although no call edge reaches them."""
    return model.memo("guards.handed_over", lambda: frozenset(
        fq for _edge, chain in _handed_chains(model) for _ref, fq in chain if fq))


def handed_callers(model: "ProjectModel", fq: str) -> list["Edge"]:
    """The calls handing `fq` down forwarders to run (`self.runner.breaker.call(self.runner.submit_job,
    job)`): no call edge reaches `fq` from them, yet they wait for it and their handlers meet its failure."""
    def build() -> dict[str, list["Edge"]]:
        out: dict[str, list["Edge"]] = {}
        for edge, chain in _handed_chains(model):
            for handed in {target for _ref, target in chain if target}:
                out.setdefault(handed, []).append(edge)
        return out
    return model.memo("guards.handed_callers", build).get(fq, [])


def _handed_down(model: "ProjectModel", applies: Callable[[str, str], bool], sites: dict[int, str],
                 roots: dict[str, str]) -> None:
    """A function handed down a chain of forwarders below one that guards what it runs
    (`await retry_async(self._fetch_once, key)`, `self._breaker.call(retry_async, self._post, rows)`,
    `retry_async(self._breaker.call, self._get, url)`) is guarded wherever else it is called from;
    the site is guarded too when what it finally hands over is a client method (it runs there).
    `applies(ref, fq)` says whether a layer (the called name, or a ref handed on) is such a guard."""
    found = forwarders(model)
    for edge, chain in _handed_chains(model):
        site = edge.site
        how = f"`{site.name}` at line {site.line}" if applies(
            ".".join(site.func or ()), model.callee_function(edge.target) or edge.target.name) else ""
        for ref, target in chain:
            if how and target and target not in found:
                roots.setdefault(target, how)
            how = how or (f"`{ref}` at line {site.line}" if applies(ref, target) else "")
        if how and not chain[-1][1]:
            sites.setdefault(id(site), how)


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
                if callee:  # (the loop is in the caller: say where, the callee's file has no such line)
                    roots.setdefault(callee, how if how.startswith("@") else f"{how} in `{_named(fq)}`")


def _named(fq: str) -> str:
    """`Class.method` or `function` for a dotted name."""
    return ".".join(fq.split(".<locals>.")[0].split(".")[-2:])


def _keepalive_loops(model: "ProjectModel") -> dict[str, set[int]]:
    """function fq -> lines of the loops that keep background workers alive."""
    out: dict[str, set[int]] = {}
    for entry in model.app.of_kind("worker"):
        loop = entry.details.get("loop") or {}
        if loop.get("function") and loop.get("line"):
            out.setdefault(loop["function"], set()).add(loop["line"])
    return out


_RETRY_LOOP = "retry loop at line "


def retry_loop_line(how: str) -> int:
    """The line of the hand-written retry loop a retry description (`_retry_context`) names; 0 for
    any other kind of retry (a decorator, a retrying iterator, a `with` block)."""
    return int(how[len(_RETRY_LOOP):].split(" ", 1)[0]) if how.startswith(_RETRY_LOOP) else 0


def _retry_context(model: "ProjectModel", facts: ModuleFacts, func: FunctionFacts, site: CallSite,
                   keepalive: Iterable[int] = ()) -> str:
    """A retrying block around the call: `for attempt in AsyncRetrying(...)`, or a loop that
    catches the failure inside it and sleeps (or counts attempts with range) before trying again."""
    for loop in blk.enclosing(func, site.line, "loop"):
        iterable = func.extra.get("loops", {}).get(loop["line"], {}).get("iter")
        iter_name = iterable.get("call", "") if isinstance(iterable, dict) else ""
        if iter_name and _retry_block(model, resolved_name(model, facts, func, iter_name)):
            return f"`{iter_name}` loop at line {loop['line']}"
        if not _tried_again(func, site.line, loop) or _cleanup_in(func, site.line, loop):
            continue
        if loop.get("forever") or loop["line"] in keepalive or not loop.get("ends_on_success", True):
            continue  # a polling or serving loop tries again next round; that is not a retry of this call
        sleeps = [s for s in blk.calls_in(func, loop["line"], loop["end"])
                  if resolved_name(model, facts, func, s.name) in knowledge.SLEEPS]
        if sleeps:
            return f"{_RETRY_LOOP}{loop['line']} (sleeps at line {sleeps[0].line})"
        if iter_name in ("range", "itertools.count"):
            return f"{_RETRY_LOOP}{loop['line']} (no backoff)"
    for expr in blk.with_exprs(func, site.line):
        if resolved_name(model, facts, func, expr) in knowledge.RETRY_BLOCKS:
            return f"`with {expr}` block"
    return ""


def _tried_again(func: FunctionFacts, line: int, loop: dict) -> bool:
    """The line sits in the body of a try inside the loop with a handler that lets the loop go
    round again (one that always re-raises ends the loop with the failure: no second attempt)."""
    return any(block.get("handled") and loop["line"] <= block["line"] <= loop["end"]
               and not all(blk.always_raises(h) for h in blk.handlers_of(func, block["line"]))
               for block in blk.enclosing(func, line, "try"))


def _cleanup_in(func: FunctionFacts, line: int, loop: dict) -> bool:
    """The line sits in a `finally` clause inside the loop: it runs every round whatever happened,
    as cleanup (log the step, close the span), never as the attempt a retry repeats."""
    return any(loop["line"] <= b["line"] <= loop["end"] for b in blk.enclosing(func, line, "finally"))


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
    """Every project function reachable from the roots, with the root's reason. A function defined
    inside one runs within it (`async def _send(): ...` handed to `self._breaker.call(_send)`):
    no call edge leads there, but its failure still ends the guarded call."""
    out = dict(roots)
    queue = deque(sorted(roots))
    while queue:
        fq = queue.popleft()
        callees = [model.callee_function(edge.target) for edge in model.edges.get(fq, [])]
        for callee in callees + model.nested_in(fq):
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
            if not breaker_edge(edge):
                continue
            if _hands_method(model, fq, facts, func, edge):
                continue  # guards the method it is handed (`_handed_down`), not the caller's other calls
            roots.setdefault(fq, f"`{site.name}` at line {site.line}")
        withs = [b for b in blk.blocks(func, "with") if _is_breaker(tracer, facts, b["expr"], func)]
        for block in withs:
            for site in blk.calls_in(func, block["line"], block["end"]):
                guards.broken_sites[id(site)] = f"`with {block['expr']}`"
                breaking.add(fq)
    _handed_down(model, lambda ref, fq: breaker_receiver(tuple(ref.split("."))) or _breaker_target(fq),
                 guards.broken_sites, roots)
    _callees_protected(model, breaking, guards.broken_sites, roots)
    guards.breakered.update(_forward(model, roots))


def breaker_edge(edge: "Edge") -> bool:
    """The call goes to a circuit breaker: made on an object named like one (`self._breaker.call(...)`)
    or to a breaker library's decorator or class."""
    return breaker_receiver(edge.site.func) or _breaker_target(edge.target.name)


def breaker_runs(model: "ProjectModel", facts: ModuleFacts, func: FunctionFacts, edge: "Edge") -> str:
    """The project function a breaker call runs, handed to it (`self._breaker.call(self._deepl.translate,
    texts)` -> the `translate` method), or ""."""
    start = forwarders(model).get(model.callee_function(edge.target) or "", 0)
    chain = handed_chain(model, facts, func, edge.site, start)
    target = chain[-1][1] if chain else ""
    return target if target in model.functions else ""


def _hands_method(model: "ProjectModel", fq: str, facts: ModuleFacts, func: FunctionFacts, edge: "Edge") -> bool:
    """The breaker call runs a project method it is handed (`self._breaker.call(self._deepl.translate,
    texts)`): that method is what it guards, so the caller's other calls stay unguarded (`_call` sends
    to DeepL through the breaker and to Google directly). A closure of the caller or an unresolved
    callable (`self._http.get`) keeps the caller guarded, as before."""
    target = breaker_runs(model, facts, func, edge)
    return bool(target) and not target.startswith(fq + ".")


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
