"""RA310 backpressure: an asyncio queue with no maxsize used as a buffer between tasks."""
from __future__ import annotations

import re
from typing import Iterator

from ...facts.types import CallSite, FunctionFacts, ModuleFacts
from ...model.resilience import blocks as blk
from ...findings import Finding, Location
from ...knowledge.queues import QUEUE_PUTS
from ...model.app import is_test_path
from ...model.project import Edge, ProjectModel
from ..api import ProjectContext, Rule, register
from ._blocking import short
from ._buffers import Buffer, class_methods, hand_rolled_buffers, unbounded
from ._calls import param_receiving
from ._ws import module_container

QUEUES = frozenset({"asyncio.Queue", "asyncio.PriorityQueue", "asyncio.LifoQueue", "asyncio.queues.Queue",
                    "asyncio.queues.PriorityQueue", "asyncio.queues.LifoQueue"})


@register
class UnboundedQueue(Rule):
    """An `asyncio.Queue()` created without `maxsize` (or with `maxsize<=0`), or a hand-rolled
    queue (a list or deque on the instance) that nothing caps.

    What it finds:
        Queues whose `put()` never waits and that visibly buffer between tasks: a producer
        (`put`/`put_nowait` on the same attribute or name, also after the queue is handed to
        a class or function, or on the attribute of an instance of its class elsewhere:
        `await consumer.queue.put(event)` in an endpoint, or, for a queue filed by key in a shared
        registry, `self._queues[ws] = queue` or `_pending[ws] = asyncio.Queue()`, on a queue taken
        back out of it: `reg.get(k).put_nowait(...)`, `for q in reg.values(): q.put_nowait(...)`)
        is found. Queues with no visible producer are not reported, nor a local work queue
        every producer of which fills it from a list in memory (`for r in results[:n]: await
        q.put(r)` in the function that makes it) or passes on, one per item, what it takes from
        such a queue (a worker's `await done.put(await work.get())`). It
        is MEDIUM when a producer puts in a loop or from a sync callback (a log sink, an SDK
        listener), LOW otherwise.
        Also `self.items`, bound only to lists or to deques without `maxlen`, that one method
        of a class with coroutines adds to and another drains from the front (`pop(0)`,
        `popleft()`) or swaps out for an empty one past a test of other state (`if not
        self._clients: continue` then `batch, self.items = self.items, []`: nothing drains it
        while the test fails), when no method that adds looks at `len(self.items)` and no method
        answers from it whether the buffer is full (`def is_full(self) -> bool`, a bound the
        producers' callers consult; a length only logged decides nothing). A queue
        handed from an instance to another class that puts to it (`Service(state.worker.queue)`)
        counts as produced.

    Why it matters:
        An unbounded queue turns a slow or stalled consumer into memory growth instead of
        backpressure: the producer never slows down, items pile up (stale ticks, events
        nobody will deliver in time) until the process is killed for memory, and latency
        grows with the backlog.

    Example:
        price_updates: asyncio.Queue[dict] = asyncio.Queue()

    Instead:
        Bound it and decide what happens when it is full (wait, drop the oldest, coalesce):

            price_updates: asyncio.Queue[dict] = asyncio.Queue(maxsize=1000)
    """

    id = "RA310"
    name = "unbounded-queue"
    category = "backpressure"
    severity = "MEDIUM"
    scope = "project"
    base_effort = 1.0

    def check(self, ctx: ProjectContext) -> Iterator[Finding]:
        model = ctx.model
        queues = 0
        for fq, facts, func in model.iter_functions(within=model.functions_calling(to=QUEUES)):
            for edge in model.edges.get(fq, ()):
                if edge.target.kind == "external" and edge.target.name in QUEUES:
                    queues += 1
                    if unbounded(edge.site) and not is_test_path(facts.path):
                        yield from self._finding(ctx, facts, func, edge)
        for module, edges in sorted(model.module_edges.items()):
            facts = model.modules[module]
            for edge in edges:
                if edge.target.kind == "external" and edge.target.name in QUEUES:
                    queues += 1
                    if unbounded(edge.site) and not is_test_path(facts.path):
                        yield from self._finding(ctx, facts, None, edge)
        for facts, edge, class_fq, attr in factory_queues(model):
            queues += 1
            producers = _puts(model, class_methods(model, class_fq), ("self", attr)) + \
                _outside_puts(model, class_fq, attr)
            if producers and not is_test_path(facts.path):
                yield self._factory_finding(facts, edge, class_fq, attr, producers)
        buffers = hand_rolled_buffers(model)
        for buffer in buffers:
            yield self._buffer_finding(ctx, buffer)
        ctx.examine("queues", queues + len(buffers))

    def _factory_finding(self, facts: ModuleFacts, edge: Edge, class_fq: str, attr: str,
                         producers: list[Location]) -> Finding:
        """A dataclass field whose default is a fresh unbounded queue per instance."""
        in_loop = any("loop" in p.note or "callback" in p.note for p in producers)
        description = (
            f"`{short(class_fq)}.{attr}` defaults to a new `asyncio.Queue()` per instance "
            f"(`field(default_factory=...)`), without `maxsize`: `put()` never waits. Producers: {len(producers)} ("
            + ", ".join(f"{p.path}:{p.start_line}" for p in producers[:4]) + ("..." if len(producers) > 4 else "")
            + "). If the consumer of one instance is slower or stops (a slow client), its items accumulate "
            "without limit: memory grows and every item waits behind the whole backlog.")
        recommendation = ("Bound each instance's queue and choose the overflow policy (drop or coalesce on "
                          "`QueueFull`):\n\n"
                          f"    {attr}: asyncio.Queue = field(default_factory=lambda: asyncio.Queue(maxsize=1000))")
        return self.finding(Location(facts.path, edge.site.line, edge.site.end_line),
                            f"Unbounded queue `{short(class_fq)}.{attr}`", description, related=producers[:8],
                            recommendation=recommendation, severity="MEDIUM" if in_loop else "LOW")

    def _buffer_finding(self, ctx: ProjectContext, buffer: Buffer) -> Finding:
        name = f"self.{buffer.attr}"
        owner = short(buffer.owner)
        takers = buffer.takers
        adders = [a for a in buffer.adders if a not in takers] or buffer.adders  # not those that put back
        description = (
            f"`{name}` is a {buffer.kind} that `{owner}` uses as a queue: {', '.join(f'`{a}`' for a in adders)} "
            f"add{'s' if len(adders) == 1 else ''} to it"
            + (" inside a loop" if buffer.in_loop else "")
            + f" and {', '.join(f'`{t}`' for t in takers)} {_drains(buffer, len(takers))}, "
            "and no method that adds checks its length. When the consumer falls behind, keeps failing or skips "
            "draining, the buffer grows without limit: memory grows with the outage and nothing slows the "
            "producer down."
        )
        line = ctx.model.line_text(buffer.path, buffer.line)
        bound = (line.replace("deque()", "deque(maxlen=1000)", 1) if "deque()" in line
                 else f"{name} = deque(maxlen=1000)  # drops the oldest when full")
        recommendation = ("Give it a bound and decide what happens when it is full: a `deque` with `maxlen` drops "
                          "the oldest entries; or check the length before adding and shed, raise or wait:\n\n    "
                          f"{bound}\n\n    if len({name}) >= MAX_PENDING:\n        raise CapacityError(...)")
        return self.finding(
            Location(buffer.path, buffer.line, buffer.line), f"Unbounded buffer `{name}` in `{owner}`", description,
            related=(buffer.producers[:4] + buffer.consumers[:4]), recommendation=recommendation,
            severity="MEDIUM" if buffer.in_loop else "LOW")

    def _finding(self, ctx: ProjectContext, facts: ModuleFacts, func: FunctionFacts | None,
                 edge: Edge) -> Iterator[Finding]:
        binding, producers, registry = _feeders(ctx, facts, func, edge)
        if not producers and not registry:
            return  # no visible producer: nothing shows the queue buffers between tasks
        if _drained_at_size(facts, binding):
            return  # every producer waits for a flush once the batch is full: that is backpressure
        if not registry and not any("callback" in p.note for p in producers) \
                and binding in _filled_from_sequences(ctx.model, facts, func, producers):
            return  # a local work queue filled from a list it cannot outgrow
        in_loop = [p for p in producers if "loop" in p.note or "callback" in p.note]
        fan_out = [p for p in producers if "every subscriber" in p.note]
        name = binding or "the queue"
        description = _queue_description(name, edge, producers, in_loop, fan_out, registry)
        source = ctx.model.line_text(facts.path, edge.site.line)
        fixed = source.replace(f"{edge.site.name}()", f"{edge.site.name}(maxsize=1000)", 1)
        recommendation = ("Give the queue a bound that matches what the consumer can absorb, and choose the "
                          "overflow policy (await put, or drop/coalesce with put_nowait + QueueFull):\n\n    "
                          + (fixed if fixed != source else f"{edge.site.name}(maxsize=1000)"))
        owner = f" in `{short(f'{facts.module}.{func.qualname}')}`" if func else ""
        yield self.finding(
            Location(facts.path, edge.site.line, edge.site.end_line), f"Unbounded queue `{name}`{owner}",
            description, related=producers[:8], recommendation=recommendation,
            severity="MEDIUM" if in_loop or fan_out or registry else "LOW")


def _feeders(ctx: ProjectContext, facts: ModuleFacts, func: FunctionFacts | None,
             edge: Edge) -> tuple[str, list[Location], str]:
    """(the queue's binding, its producers, the shared registry it is published in): producers
    seen directly, else a subscriber registry the function publishes it in, else the keyed
    registry it is filed in (`self._q[ws] = q`) and the puts through that registry."""
    binding = _binding(facts, func, edge.site.line)
    producers = _producers(ctx, facts, func, binding)
    registry = "" if producers else _subscriber_registry(ctx, facts, func, binding)
    filed = "" if producers or registry else _filed_in(ctx.model, facts, func, binding, edge.site.line)
    if filed and not _one_shot(func, binding, filed):
        producers = _registry_puts(ctx.model, facts, func, filed)
        binding = binding or f"{filed}[...]"
    return binding, producers, registry


def _queue_description(name: str, edge: Edge, producers: list[Location], in_loop: list[Location],
                       fan_out: list[Location], registry: str) -> str:
    """What the queue is, who fills it and why that fills memory, in words."""
    description = f"`{name}` is an `{edge.target.name}()` without `maxsize`: `put()` never waits."
    if producers:
        description += (f" Producers: {len(producers)} ("
                        + ", ".join(f"{p.path}:{p.start_line}" for p in producers[:4])
                        + (", ..." if len(producers) > 4 else "") + ").")
    if in_loop:
        how = "inside a loop" if any("loop" in p.note for p in in_loop) else "from a sync callback"
        description += (f" A producer puts {how}, so items arrive as fast as they are produced, whatever the "
                        f"consumer manages.")
    if fan_out:
        description += (" It is one subscriber's queue, fed on every event: a client that reads slowly or "
                        "stops reading keeps every event for it in memory.")
    if registry:
        description += (f" It is one subscriber's queue: the function publishes it in the shared `{registry}` "
                        "for producers elsewhere to fill, and drains it itself, so a consumer that reads slowly "
                        "or stops reading keeps every event for it in memory.")
    return description + (" If the consumer is slower or stops, items accumulate without limit: memory grows and "
                          "every item waits behind the whole backlog.")


def _drained_at_size(facts: ModuleFacts, binding: str) -> bool:
    """Every function of the module that puts into the queue then awaits a drain once it holds a
    batch (`await queue.put(item); if queue.qsize() >= batch_size: await flush()`): the producer
    waits for the consumer, so the queue cannot outgrow a batch by much."""
    if not binding or "." in binding:
        return False
    putters = [func for func in facts.functions.values()  # (a consumer putting back what it took is not one)
               if any(site.func in ((binding, "put"), (binding, "put_nowait")) for site in func.calls)
               and not any(site.func in ((binding, "get"), (binding, "get_nowait")) for site in func.calls)]
    return bool(putters) and all(any(
        any(call[0] == f"{binding}.qsize" for call in block.get("calls", ()))
        and any(site.awaited and block["line"] < site.line <= block["end"] for site in func.calls)
        for block in blk.ifs(func)) for func in putters)


_MATERIALISED = frozenset({"range", "sorted", "list", "tuple", "set", "frozenset", "dict", "reversed"})
_CONTAINER = re.compile(r"(typing\.|collections\.abc\.)?(list|List|tuple|Tuple|set|Set|frozenset|FrozenSet|dict|Dict"
                        r"|Sequence|Mapping)\b(\[|$)")


def _filled_from_sequences(model: ProjectModel, facts: ModuleFacts, func: FunctionFacts | None,
                           producers: list[Location]) -> set[str]:
    """The local queues of `func` that can never hold more than a list in memory: every put is
    in `func` (the queue is new per call) outside any loop or in loops over finite in-memory
    sequences (`for r in results[:n]`, `range(workers)`, a literal, a sorted copy), or in a
    closure's loop that takes one item per turn from such a queue (`while True: r = await
    work.get(); await done.put(r)`: a worker can pass on no more than it was given). A queue
    handed on, stored, or fed from a socket, a stream, a callback or a `while True` loop of its
    own is not among them. Producers elsewhere (handed to a callee) keep every queue out."""
    if func is None:
        return set()
    family = [func, *(model.functions[fq][1] for fq in model.nested_in(f"{facts.module}.{func.qualname}"))]
    span = {(facts.path, site.line) for f in family for site in f.calls}
    if any((p.path, p.start_line) not in span for p in producers):
        return set()
    puts: dict[str, list[tuple[FunctionFacts, CallSite]]] = {}
    for f in family:
        for site in f.calls:
            if site.func and len(site.func) == 2 and site.func[-1] in QUEUE_PUTS:
                puts.setdefault(site.func[0], []).append((f, site))
    local = {name for name in puts if name in func.local_types and not any(_escapes(f, name) for f in family)}
    bounded: set[str] = set()
    changed = True
    while changed:
        changed = False
        for name in sorted(local - bounded):
            if all(_bounded_put(facts, f, site, f is func, bounded) for f, site in puts[name]):
                bounded.add(name)
                changed = True
    return bounded


def _escapes(func: FunctionFacts, name: str) -> bool:
    """The queue leaves the function: stored somewhere, kept on `self`, or passed to a call."""
    ref = {"ref": name}
    return any(store.get("value") == ref or name in store.get("elements", ()) for store in func.extra.get("stores", ())) \
        or ref in func.self_attrs.values() \
        or any(ref in site.args or ref in site.kwargs.values() for site in func.calls)


def _bounded_put(facts: ModuleFacts, owner: FunctionFacts, site: CallSite, creator: bool, bounded: set[str]) -> bool:
    """Every loop around the put walks a finite in-memory sequence or takes one item per turn from
    a bounded queue; outside the creating function at least one loop must be such a consumer."""
    loops = [(int(line), info) for line, info in owner.extra.get("loops", {}).items()
             if int(line) <= site.line <= info.get("end", int(line))]
    consumers = [line for line, _ in loops if any(
        other.func and len(other.func) == 2 and other.func[0] in bounded and other.func[1] in ("get", "get_nowait")
        and other.loop_line == line for other in owner.calls)]
    finite = all(line in consumers or _finite_loop(owner, info) for line, info in loops)
    return finite and (creator or bool(consumers))


def _finite_loop(func: FunctionFacts, info: dict) -> bool:
    """A (non-async) `for` or comprehension over a literal, `range(...)`, a materialised copy, or a
    local or parameter typed or bound as a list, tuple, set or dict (or a slice of one)."""
    if info.get("kind") not in ("for", "comp") or info.get("async"):
        return False
    iterable = info.get("iter")
    if not isinstance(iterable, dict):
        return False
    if "literal" in iterable:
        return True
    call = str(iterable.get("call", ""))
    if call in _MATERIALISED:
        return True
    view = call.rpartition(".")[0] if call.endswith((".items", ".values", ".keys")) else ""
    head = str(iterable.get("ref") or view).split(".")[0]
    if not head:
        return False
    param = next((p for p in func.params if p.name == head), None)
    if param is not None:
        return param.kind in ("pos", "posonly", "kwonly") and bool(_CONTAINER.match(param.annotation))
    bound = func.local_types.get(head)
    return isinstance(bound, dict) and ("literal" in bound or str(bound.get("call", "")) in _MATERIALISED
                                        or bool(_CONTAINER.match(str(bound.get("ann", "")))))


def _drains(buffer: Buffer, count: int) -> str:
    """How the consumers take from the buffer, in words."""
    if all("swaps" in c.note for c in buffer.consumers):
        return ("swap" if count > 1 else "swaps") + " it out only past a test of other state (while that test "\
            "fails, nothing drains it)"
    return ("take" if count > 1 else "takes") + " from its front"


def _subscriber_registry(ctx: ProjectContext, facts: ModuleFacts, func: FunctionFacts | None, binding: str) -> str:
    """`REGISTRY[key] = queue` into a container others can reach (on `app.state`, on `self`, or
    at module level) by a function that then awaits `queue.get()` in a loop: a per-subscriber
    queue, filled by whoever looks it up in the registry. -> the registry, "" otherwise."""
    if func is None or not binding or "." in binding:
        return ""
    if not any(site.func == (binding, "get") and site.used_as == "await" and site.loop_line for site in func.calls):
        return ""
    for store in func.extra.get("stores", ()):
        target = store["target"]
        if not (store["item"] and store["kind"] == "set"):
            continue
        value = ctx.model.line_text(facts.path, store["line"]).partition("=")[2].strip()
        if value == binding and (".state." in f".{target}" or target.startswith("self.")
                                 or module_container(ctx.model, facts, func, target)):
            return target
    return ""


def _filed_in(model, facts: ModuleFacts, func: FunctionFacts | None, binding: str, line: int) -> str:
    """The shared container the queue is filed in by key (`self._queues[ws] = queue`,
    `_pending[ws] = asyncio.Queue()`, `self._subs[sub_id] = (topic, queue)`): a per-subscriber
    queue that producers look up there."""
    for store in func.extra.get("stores", ()) if func is not None else ():
        value = store.get("value")
        made = value == {"ref": binding} or binding in store.get("elements", ()) if binding \
            else isinstance(value, dict) and value.get("line") == line
        target = store["target"]
        if made and store["item"] and store["kind"] == "set" and (
                target.startswith("self.") and func.class_name or module_container(model, facts, func, target)):
            return target
    return ""


def _one_shot(func: FunctionFacts, binding: str, registry: str) -> bool:
    """The function that files the queue takes one item from it, outside any loop: a reply slot
    awaited once (`await asyncio.wait_for(reg[k].get(), timeout)`), not a stream that can pile up."""
    gets = {(binding, "get"), (*registry.split("."), "[]", "get")}
    return any(site.func in gets and not site.loop_line for site in func.calls)


def _registry_puts(model, facts: ModuleFacts, func: FunctionFacts, registry: str) -> list[Location]:
    """`put`/`put_nowait` on a queue taken out of the registry, in the functions that reach it (the
    class's methods for `self._queues`, the module's functions for a module name): on `reg[k]`
    itself, or on a local when the function reads the registry's entries (`reg.get(k)`, `reg.values()`)."""
    parts = tuple(registry.split("."))
    owners = (class_methods(model, f"{facts.module}.{func.class_name}") if parts[0] == "self"
              else [(facts, f) for f in facts.functions.values()])
    found = _puts(model, owners, (*parts, "[]"))
    for owner_facts, owner in owners:
        if any(site.func == (*parts, read) for site in owner.calls for read in ("get", "values", "items")):
            found += [
                Location(owner_facts.path, site.line, site.end_line, _put_note(site, owner))
                for site in owner.calls if site.func and len(site.func) == 2 and site.func[-1] in QUEUE_PUTS
                and site.func[0] in owner.local_types]
    return found


def _put_note(site: CallSite, owner: FunctionFacts) -> str:
    how = " in a loop" if site.loop_line else (" from a callback" if not owner.is_async else "")
    return f"{site.func[-1]}{how} (`{owner.qualname}`)"


def _binding(facts: ModuleFacts, func: FunctionFacts | None, line: int) -> str:
    """Where the queue is stored: a local, `self.attr` or a module name."""
    def made_here(value) -> bool:
        return isinstance(value, dict) and value.get("line") == line

    if func is not None:
        for attr, value in func.self_attrs.items():
            if made_here(value):
                return f"self.{attr}"
        for name, value in func.local_types.items():
            if made_here(value):
                return name
        return ""
    for name, assign in facts.assigns.items():
        if made_here(assign.value):
            return name
    return ""


def _producers(ctx: ProjectContext, facts: ModuleFacts, func: FunctionFacts | None, binding: str) -> list[Location]:
    """`put`/`put_nowait` on the same binding, also after the queue is handed to a class or
    function (one level: the parameter it lands in, or the `self` attribute that keeps it)."""
    model = ctx.model
    if not binding:
        return []
    if binding.startswith("self.") and func is not None and func.class_name:
        class_fq = f"{facts.module}.{func.class_name}"
        attr = binding[5:]
        return _puts(model, class_methods(model, class_fq), ("self", attr)) + _outside_puts(model, class_fq, attr) \
            + _handed_puts(model, class_fq, attr)
    owners = [(facts, f) for f in facts.functions.values() if func is None or f is func
              or f.qualname.startswith(f"{func.qualname}.")]  # closures (`async def pump(): q.put_nowait(m)`) too
    found = _puts(model, owners, (binding,)) + _pooled_puts(model, facts, func, binding)
    fq = f"{facts.module}.{func.qualname}" if func is not None else facts.module
    edges = model.edges.get(fq, []) if func is not None else model.module_edges.get(facts.module, [])
    for edge in edges:
        callee = model.callee_function(edge.target)
        if not callee or {"ref": binding} not in edge.site.args and {"ref": binding} not in edge.site.kwargs.values():
            continue
        param = param_receiving(model.functions[callee][1], edge.site, binding)
        callee_facts, callee_func = model.functions[callee]
        if not param:
            continue
        kept = [a for a, v in callee_func.self_attrs.items() if v == {"ref": param}]
        if kept and callee_func.class_name:
            owner = f"{callee_facts.module}.{callee_func.class_name}"
            found += _puts(model, class_methods(model, owner), ("self", kept[0]))
        else:
            found += _puts(model, [(callee_facts, callee_func)], (param,))
    return found


def _outside_puts(model, class_fq: str, attr: str) -> list[Location]:
    """`consumer.queue.put(event)` in code outside the class, on a name typed as an instance of
    it (an annotated parameter, a FastAPI dependency, a local bound to the constructor), or,
    untyped (a loop over a registry), by the class being the only one with a queue in `self.<attr>`."""
    found: list[Location] = []
    for edge in model.calls_named(*QUEUE_PUTS):
        site = edge.site
        if len(site.func) != 3 or site.func[0] in ("self", "cls") or site.func[1] != attr \
                or edge.caller not in model.functions:
            continue
        facts, func = model.functions[edge.caller]
        # untyped: `for client in self.clients.values(): client.queue.put_nowait(event)`
        if _holds_instance(model, facts, func, site.func[0], class_fq, attr):
            how = " in a loop" if site.loop_line else (" from a callback" if not func.is_async else "")
            found.append(Location(facts.path, site.line, site.end_line,
                                  f"{site.func[-1]}{how} (`{func.qualname}`, outside the class)"))
    return found


def _handed_puts(model, class_fq: str, attr: str) -> list[Location]:
    """`ReportService(..., state.worker.queue)`: the queue read off an instance of the class and
    handed to another class or function, which keeps it and puts to it. The instance is known by
    its type, or, untyped (`app.state.worker`), by the class being the only one with a queue
    in `self.<attr>`."""
    found: list[Location] = []
    for caller, edges in model.edges.items():
        if caller not in model.functions:
            continue
        facts, func = model.functions[caller]
        for edge in edges:
            refs = [v["ref"] for v in (*edge.site.args, *edge.site.kwargs.values()) if isinstance(v, dict)
                    and str(v.get("ref", "")).endswith(f".{attr}") and not v["ref"].startswith(("self.", "cls."))]
            callee = model.callee_function(edge.target) if refs else ""
            holder = refs[0].split(".")[0] if callee and refs[0].count(".") == 1 else ""
            if callee and _holds_instance(model, facts, func, holder, class_fq, attr):
                found += _kept_puts(model, callee, edge.site, refs[0])
    return found


def _holds_instance(model, facts: ModuleFacts, func: FunctionFacts, name: str, class_fq: str, attr: str) -> bool:
    """`name` ("" for a longer chain, `app.state.worker`) holds an instance of the class: typed as
    one, or, untyped, the class is the only one with a queue in `self.<attr>`."""
    typed = model.resolver.type_of_name(facts, func, name) if name else None
    if typed:
        return typed[0] == "instance" and class_fq in model.mro(typed[1])
    return _queue_owners(model, attr) == {class_fq}


def _kept_puts(model, callee: str, site: CallSite, ref: str) -> list[Location]:
    """The puts on the parameter that receives `ref` at `site`, or on the `self` attribute keeping it."""
    callee_facts, callee_func = model.functions[callee]
    param = param_receiving(callee_func, site, ref)
    if not param:
        return []
    kept = [a for a, v in callee_func.self_attrs.items() if v == {"ref": param}]
    if kept and callee_func.class_name:
        return _puts(model, class_methods(model, f"{callee_facts.module}.{callee_func.class_name}"), ("self", kept[0]))
    return _puts(model, [(callee_facts, callee_func)], (param,))


def _queue_owners(model, attr: str) -> frozenset[str]:
    """The project classes that bind `self.<attr>` to an asyncio queue (once per run and attribute),
    in `__init__` or as a dataclass field's default."""
    def build() -> frozenset[str]:
        return frozenset(f"{facts.module}.{func.class_name}"
                         for _, facts, func in model.iter_functions(within=model.functions_calling(to=QUEUES))
                         if func.class_name and isinstance(value := func.self_attrs.get(attr), dict)
                         and str(value.get("call", "")).endswith("Queue")) | frozenset(
            class_fq for _, _, class_fq, field_attr in factory_queues(model) if field_attr == attr)
    return model.memo(f"concurrency.queue_owners.{attr}", build)


def factory_queues(model) -> list[tuple[ModuleFacts, Edge, str, str]]:
    """(module, the `field(...)` call, class, attribute) for dataclass fields defaulting to an
    unbounded queue made per instance: `queue: asyncio.Queue = field(default_factory=asyncio.Queue)`
    (the queue class passed as a callable, called by the dataclass's `__init__`)."""
    def build() -> list[tuple[ModuleFacts, Edge, str, str]]:
        found = []
        for module, edges in sorted(model.module_edges.items()):
            facts = model.modules[module]
            for edge in edges:
                factory = edge.site.kwargs.get("default_factory") if edge.target.name == "dataclasses.field" else None
                if not isinstance(factory, dict) or _queue_class(model, module, str(factory.get("ref", ""))) is None:
                    continue
                found += [(facts, edge, class_fq, attr) for class_fq, attr in _fields_at(model, module, edge.site.line)]
        return found
    return model.memo("concurrency.factory_queues", build)


def _queue_class(model, module: str, ref: str) -> str | None:
    """The asyncio queue class a reference names (`asyncio.Queue`, or `Queue` imported from asyncio)."""
    head, _, rest = ref.partition(".")
    binding = model.bindings.get(module, {}).get(head)
    target = binding.target if binding is not None and binding.kind == "import" else head
    name = f"{target}.{rest}" if rest else target
    return name if name in QUEUES else None


def _fields_at(model, module: str, line: int) -> list[tuple[str, str]]:
    """The (class, attribute) whose class-body value is the call on `line`."""
    return [(class_fq, attr) for class_fq, (facts, cls) in model.classes.items() if facts.module == module
            for attr, value in cls.class_attrs.items() if isinstance(value, dict) and value.get("line") == line]


_POOLING = ("add", "append", "appendleft", "insert", "setdefault")
_COPIES = frozenset({"list", "tuple", "sorted", "set"})  # a snapshot of a pool, walked in its place


def _pooled_puts(model, facts: ModuleFacts, func: FunctionFacts | None, binding: str) -> list[Location]:
    """A queue per subscriber kept in a container on `self` (`self._streams[key].add(queue)`),
    fed by a method of the class that loops over that container and puts to each queue."""
    if func is None or not func.class_name:
        return []
    pools = {site.func[1] for site in func.calls if len(site.func) >= 3 and site.func[0] == "self"
             and site.func[-1] in _POOLING and {"ref": binding} in site.args}
    pools |= _keyed_pools(model, facts, func, binding)  # `self._subs[user] = queue`, looped over `.values()`
    found = _keyed_pool_puts(model, facts, func, binding)
    if not pools:
        return found
    for owner_facts, owner in class_methods(model, f"{facts.module}.{func.class_name}"):
        for line, loop in owner.extra.get("loops", {}).items():
            target = _pooled_item(model, owner_facts.path, int(line), _through_local(owner, loop), pools)
            if target:
                found += [Location(put.path, put.start_line, put.end_line,
                                   f"{put.note.split(' ')[0]} to every subscriber's queue (`{owner.qualname}`)")
                          for put in _puts(model, [(owner_facts, owner)], (target,))
                          if int(line) <= put.start_line <= loop["end"]]
    return found


def _through_local(func: FunctionFacts, loop: dict) -> dict:
    """The loop with its iterable read through the local it names, when that local was bound once
    from a pool (`subscribers = self._subs.get(key, ())`, then `for q in subscribers:`)."""
    iterable = loop.get("iter")
    ref = iterable.get("ref") if isinstance(iterable, dict) else None
    bound = func.local_types.get(ref) if isinstance(ref, str) and "." not in ref else None
    if not isinstance(bound, dict) or ref in func.extra.get("rebound", ()):
        return loop
    return {**loop, "iter": bound}


def _pooled_item(model, path: str, line: int, loop: dict, pools: set[str]) -> str:
    """The loop variable holding each queue of a pool the loop walks ("" if it walks none):
    `for q in self._subs.values()`, a copy of it (`list(self._subs.values())`), or the value
    of `for key, q in self._subs.items()`."""
    if not loop["target"]:
        return ""
    iterable = loop["iter"]
    walks = _iterates(iterable, pools)
    if not walks and isinstance(iterable, dict) and iterable.get("call") in _COPIES:
        head = model.line_text(path, line).partition(" in ")[2]
        walks = any(re.search(rf"\bself\.{re.escape(pool)}\b", head) for pool in pools)
    return loop["target"].split(",")[-1] if walks else ""


def _keyed_pool_puts(model, facts: ModuleFacts, func: FunctionFacts, binding: str) -> list[Location]:
    """A queue per subscriber stored by key on `self` (`self._queues[ws] = queue`) and fed by a
    method of the class that looks it up (`self._queues[ws].put_nowait(view)`)."""
    keyed = _keyed_pools(model, facts, func, binding)
    owners = class_methods(model, f"{facts.module}.{func.class_name}") if keyed else []
    return [put for pool in sorted(keyed) for put in _puts(model, owners, ("self", pool, "[]"))]


def _keyed_pools(model, facts: ModuleFacts, func: FunctionFacts, binding: str) -> set[str]:
    """The `self` containers the queue is stored into by key (`self._queues[ws] = queue`)."""
    return {store["target"].split(".")[1] for store in func.extra.get("stores", ())
            if store["item"] and store["kind"] == "set" and store["target"].count(".") == 1
            and store["target"].startswith("self.")
            and model.line_text(facts.path, store["line"]).partition("=")[2].strip() == binding}


def _iterates(iterable, pools: set[str]) -> bool:
    """The loop's iterable reads one of the pools: `self._streams.get(key, ())`, `self._subs.values()`,
    or a list collected from it (`[self._queues[ws] for ws in peers]`)."""
    if isinstance(iterable, dict) and isinstance(iterable.get("each"), dict):
        parts = str(iterable["each"].get("ref", "")).split(".")
        return len(parts) == 3 and parts[0] == "self" and parts[1] in pools and parts[2] == "[]"
    text = iterable.get("ref") or iterable.get("call") or "" if isinstance(iterable, dict) else ""
    parts = str(text).split(".")
    return len(parts) >= 2 and parts[0] == "self" and parts[1] in pools


def _puts(model, owners: list[tuple[ModuleFacts, FunctionFacts]], wanted: tuple[str, ...]) -> list[Location]:
    found: list[Location] = []
    for owner_facts, owner in owners:
        for site in owner.calls:
            if site.func and site.func[:-1] == wanted and site.func[-1] in QUEUE_PUTS:
                found.append(Location(owner_facts.path, site.line, site.end_line, _put_note(site, owner)))
    return found
