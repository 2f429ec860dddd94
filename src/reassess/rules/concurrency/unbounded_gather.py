"""RA312 backpressure: `asyncio.gather` over one coroutine per item of an unbounded collection."""
from __future__ import annotations

import re
from typing import Iterator

from ...facts.extract import OFFLOADERS
from ...facts.types import CallSite, FunctionFacts, ModuleFacts
from ...findings import Finding, Location
from ...knowledge.descriptors import is_property
from ...knowledge.lifecycle import COMPLETION_WAITS, COMPONENT_LIFECYCLE, COMPONENT_SETUP
from ...knowledge.sampling import CHUNKERS, SAMPLERS
from ...model.app import is_test_path
from ...model.constants import configured_collection
from ...model.overrides import UNCALLED_NOTE, never_runs
from ...model.project import Edge
from ...model.resilience.guards import resolved_name
from ...model.resilience.runtime import may_wait_on_io
from ..api import ProjectContext, Rule, register
from ._blocking import short
from ._calls import bound_site
from ._text import call_source
from .sequential_broadcast import SENDS, bounded_send

GATHER = frozenset({"asyncio.gather", "asyncio.tasks.gather"})
_WRAPPERS = frozenset({"create_task", "ensure_future"})
_LIMIT_WORDS = ("sem", "limit", "throttle", "bound", "lock")
_LIMITERS = frozenset({"Semaphore", "BoundedSemaphore", "Lock", "CapacityLimiter", "Limiter"})
_VIEWS = frozenset({"dict.items", "dict.values", "dict.keys"})
# builtins whose result has one item per item of their argument: `for i in sorted(items)` is as
# long as `items` (a zip as long as its shortest argument)
_SAME_SIZE = frozenset({"sorted", "enumerate", "list", "tuple", "reversed", "zip"})


@register
class UnboundedGather(Rule):
    """`asyncio.gather(*(work(x) for x in items))` where `items` has no bound and nothing
    limits how many run at once.

    What it finds:
        A `gather` whose arguments are coroutines (or tasks) made one per item of a
        collection that comes from a query, a call, a parameter or shared state (also through
        a comprehension over one: `ids = [r["id"] for r in await conn.fetch(...)]`, or a list or
        dict filled one entry per item of one: `awards[member_id] = points` in a loop, or its
        fixed-size slices, `for chunk in chunks(records, 500)`, as many as the data), when the
        gathered coroutine takes no semaphore (`async with self._sem`) and the collection
        is not sliced, a literal or a `range` of constants. A lock or semaphore whose body
        awaits nothing (a counter update after the work) does not count as a limit, nor one
        taken only after the coroutine has already awaited other work (a query, a call), which
        then runs for every item at once. Long-lived tasks, one per peer, each looping until
        shutdown (`while self._running:` around a connection) are supervision, not a burst; nor is
        a broadcast whose coroutine only sends to one client under a timeout (`await
        asyncio.wait_for(ws.send_json(event), 2)`): a write to a local socket takes no pool or quota.
        A broadcast writing straight to each client with no timeout (`client.send_text(msg) for
        client in self.clients`) is reported at LOW for what it risks: the slowest client holds it.
        An attribute set once in `__init__` from configuration (`self._sinks = configured_sinks()`
        returning one sink per name in `settings.sinks`) is as long as the deployment configures;
        a property returning a list written out item by item (`return [self.board, self.swap]`), or a
        list `__init__` fills one item per `*args` entry (callers writing the arguments out), is as
        long as the code makes it.
        A default method of an abstract class that every concrete subclass replaces (one `IN`
        query instead) never runs and is left out; one nothing in the project calls is LOW. A
        loop over distinct values (a set, a list made of one) that makes each coroutine only
        under a test against literals (`if kind in KINDS:`, `elif kind == "vars":`) fans out at
        most as wide as those literals, and is not reported. Starting, stopping or closing each
        item (`h.start() for h in self._handlers`, `stream.aclose() for stream in pending`) brings
        the program's own parts up or down together: not a burst on a shared resource. Nor is
        handing each item to an executor (`asyncio.to_thread(render, raw) for raw in frames`): the
        executor's worker count already bounds how many run at once. Nor is delivering to each
        subscriber the object holds (`sub.queue.put(event) for sub in self._subscribers`, calling
        each registered callback, writing into each player's own pipe): a hand-off to local
        buffers, not a burst on a shared resource.

    Why it matters:
        Every item starts at once: a thousand users mean a thousand simultaneous queries or
        HTTP calls. The pool is exhausted (other requests time out waiting for a
        connection), the remote side rate-limits or falls over, and memory spikes with the
        in-flight responses. The fan-out grows with the data, so it breaks in production
        first.

    Example:
        users = await self.dm.list_active_users()
        await asyncio.gather(*[self._send_digest(user) for user in users])

    Instead:
        Bound the concurrency with a semaphore (or process in fixed-size batches):

            sem = asyncio.Semaphore(10)

            async def limited(user):
                async with sem:
                    return await self._send_digest(user)

            await asyncio.gather(*(limited(user) for user in users))
    """

    id = "RA312"
    name = "unbounded-gather"
    category = "backpressure"
    severity = "MEDIUM"
    scope = "project"
    base_effort = 1.0

    def check(self, ctx: ProjectContext) -> Iterator[Finding]:
        model = ctx.model
        examined = 0
        for fq, facts, func in model.iter_functions(within=model.functions_calling(to=GATHER)):
            edges = model.edges.get(fq, ())
            for gather in edges:
                if gather.target.name not in GATHER or not gather.site.star_args:
                    continue
                examined += 1
                found = self._judge(ctx, fq, facts, func, gather)
                if found is not None:
                    yield found
        ctx.examine("gather calls", examined)

    def _judge(self, ctx: ProjectContext, fq: str, facts: ModuleFacts, func: FunctionFacts, gather: Edge
               ) -> Finding | None:
        """The finding for one `gather(*...)` call, or None when its fan-out is bounded or never runs."""
        model = ctx.model
        edges = model.edges.get(fq, ())
        producer = _producer(model, edges, gather)
        if producer is None or is_test_path(facts.path) or _starts_nothing(model, edges, producer) \
                or _lifecycle(producer) or _waits_on_item(producer) or _wraps_lifecycle(model, fq, producer) \
                or _offloaded(producer):
            return None
        if _gated_by_literals(model, func, edges, producer):
            return None
        items, shown = _iterated(edges, gather, producer)
        if not items:
            items, shown, others = _wrapped(func, producer)
            if any(not _unbounded_source(model, facts, func, other) for other in others):
                return None
        if not items:
            items, shown = _chunked(model, fq, func, producer)
        source = _unbounded_source(model, facts, func, items)
        if not source or _held_back(model, fq, producer) or _item_delivery(model, func, producer, items):
            return None
        never = never_runs(model, fq)
        if never == "overridden":  # a default every concrete subclass replaces
            return None
        return self._finding(ctx, fq, facts, gather, producer, source, shown, uncalled=never == "uncalled")

    def _finding(self, ctx: ProjectContext, fq: str, facts: ModuleFacts, gather: Edge, producer: Edge,
                 source: str, items: str, uncalled: bool) -> Finding:
        if _socket_send(ctx.model.functions[fq][1], producer):
            return self._broadcast_finding(fq, facts, gather, producer, items)
        worker = producer.site.name
        description = (f"`{short(fq)}` gathers one `{worker}(...)` per item of `{items}` ({source}) with no "
                       f"limit on how many run at once: the fan-out grows with the data, every item starts "
                       f"immediately and competes for the same pool, API quota and memory.")
        related = [Location(facts.path, producer.site.line, producer.site.end_line,
                            f"one `{worker}` per item of `{items}`")]
        callee = ctx.model.callee_function(producer.target)
        if callee:
            callee_facts, callee_func = ctx.model.functions[callee]
            related.append(Location(callee_facts.path, callee_func.line, callee_func.line,
                                    f"`{short(callee)}` takes no semaphore"))
        call = call_source(ctx.model, producer)
        _, func = ctx.model.functions[fq]
        target = func.extra.get("loops", {}).get(producer.site.loop_line, {}).get("target") or "item"
        target = ", ".join(part.strip() for part in target.split(","))
        recommendation = ("Bound the concurrency with a semaphore (created once, e.g. in `__init__`), or process "
                          "fixed-size batches:\n\n"
                          "    sem = asyncio.Semaphore(10)\n\n"
                          f"    async def limited({target}):\n"
                          "        async with sem:\n"
                          f"            return await {call}\n\n"
                          f"    await asyncio.gather(*(limited({target}) for {target} in {items}))")
        return self.finding(Location(facts.path, gather.site.line, gather.site.end_line),
                            f"Unbounded `asyncio.gather` fan-out over `{items}` in `{short(fq)}`",
                            description + (UNCALLED_NOTE if uncalled else ""), related=related,
                            recommendation=recommendation, severity="LOW" if uncalled else None)


    def _broadcast_finding(self, fq: str, facts: ModuleFacts, gather: Edge, producer: Edge, items: str) -> Finding:
        """A gather of one socket write per connected client: no pool or quota is shared, but with no
        timeout the slowest client holds the broadcast and its caller."""
        send = ".".join(producer.site.func)
        description = (f"`{short(fq)}` sends to every client of `{items}` at once (`{send}(...)`) with no timeout: "
                       "a client that stops reading holds the gather, and the code awaiting it, until its "
                       "socket buffer drains or the connection drops. The writes share no pool or quota; the "
                       "risk is the slowest client, and it grows with the number of connections.")
        recommendation = ("Bound each write and drop the clients that cannot keep up:\n\n"
                          f"    await asyncio.gather(*(asyncio.wait_for({send}(...), timeout=2) "
                          f"for {producer.site.func[0]} in {items}), return_exceptions=True)")
        return self.finding(Location(facts.path, gather.site.line, gather.site.end_line),
                            f"Broadcast over `{items}` in `{short(fq)}` waits for the slowest client",
                            description, recommendation=recommendation, severity="LOW",
                            related=[Location(facts.path, producer.site.line, producer.site.end_line,
                                              f"one `{send}` per client, no timeout")])


def _lifecycle(producer: Edge) -> bool:
    """The gathered call starts, stops or closes each item (`h.start() for h in self._handlers`,
    `stream.aclose() for stream in pending`): the program bringing its own parts up or down
    together, where each call is local bookkeeping, not a request competing for a pool or quota."""
    chain = producer.site.func or ()
    return len(chain) >= 2 and chain[-1] in COMPONENT_LIFECYCLE


def _offloaded(producer: Edge) -> bool:
    """The gathered call hands each item to an executor (`asyncio.to_thread(render, raw) for raw in
    frames`, `loop.run_in_executor(pool, f, x)`): the executor's fixed worker count already bounds how
    many run at once, the rest wait in its queue; a semaphore in front would add nothing."""
    chain = producer.site.func or ()
    return bool(chain) and chain[-1] in OFFLOADERS and chain[-1] != "submit"


def _waits_on_item(producer: Edge) -> bool:
    """The gathered call waits for the item itself to finish or to be signalled (`child.wait() for
    child in self._children`, `ev.wait() for ev in events`): each coroutine sleeps until something
    else completes, holding no connection and spending no quota, however many there are."""
    chain = producer.site.func or ()
    return len(chain) == 2 and chain[-1] in COMPLETION_WAITS


def _wraps_lifecycle(model, fq: str, producer: Edge) -> bool:
    """The gathered coroutine is a project function whose first awaited call sets up, starts, stops or
    cleans up the item it is given (`async def setup_processor(p): try: await p.setup(setup) except
    ...: log`): the program bringing its own parts up or down together, wrapped to report each one's
    failure, not a request per item competing for a pool."""
    callee = _gathered_function(model, fq, producer)
    if not callee:
        return False
    func = model.functions[callee][1]
    params = {p.name for p in func.params if p.name not in ("self", "cls")}
    first = min((s for s in func.calls if s.awaited), key=lambda s: (s.line, s.col), default=None)
    chain = first.func if first is not None else ()
    return bool(chain) and len(chain) >= 2 and chain[0] in params \
        and chain[-1] in COMPONENT_LIFECYCLE | COMPONENT_SETUP


_DELIVERIES = ("put", "put_nowait", "write")


def _delivers(chain: tuple[str, ...]) -> bool:
    """`queue.put(chunk)`, `proc.write(data)`, `stream.write_eof()`: hands data to one consumer's own
    queue or pipe (socket sends have their own verdict, `_socket_send`)."""
    return bool(chain) and chain[-1] not in SENDS and any(chain[-1].startswith(v) for v in _DELIVERIES)


def _item_delivery(model, func: FunctionFacts, producer: Edge, items: str) -> bool:
    """The object hands something to each of its own subscribers (`sub.put(chunk) for sub in
    self.subscribers`, `sub(chunk)` for a registered callback, `x.stream.write_chunk(chunk) for x in
    self._clients` where `write_chunk` only waits for the item's start and writes to the item's own
    pipe): every coroutine goes to a different consumer's queue or pipe, as many as are subscribed,
    none takes a pool, a connection or a quota the others share."""
    chain = producer.site.func or ()
    target = func.extra.get("loops", {}).get(producer.site.loop_line, {}).get("target")
    if not chain or chain[0] != target or not items.startswith("self."):
        return False
    callee = model.callee_function(producer.target)
    if not callee:
        # a callback, a queue's put, or a write to a stream the item holds (`x.stream.write_chunk`)
        return len(chain) == 1 or chain[-1] in ("put", "put_nowait") or len(chain) >= 3 and _delivers(chain)
    _, body = model.functions[callee]
    awaited = [s.func or () for s in body.calls if s.awaited]
    own = [c for c in awaited if len(c) >= 3 and c[0] == "self"]
    return any(_delivers(c) for c in own) and all(
        (c in own and _delivers(c)) or (len(c) >= 2 and c[0] == "self" and c[-1] in COMPLETION_WAITS)
        for c in awaited)


def _gathered_function(model, fq: str, producer: Edge) -> str:
    """The project function the gathered coroutine comes from: the producer's resolved callee, or
    a function nested in `fq` by that name (`async def limited(user): ...` inside it); "" if none."""
    callee = model.callee_function(producer.target)
    nested = f"{fq}.<locals>.{producer.site.name}"
    return callee or (nested if nested in model.functions else "")


def _socket_send(func: FunctionFacts, producer: Edge) -> bool:
    """The gathered call writes straight to the item itself (`client.send_text(msg) for client in
    clients`): a broadcast to connections, not work competing for a shared resource."""
    chain = producer.site.func or ()
    target = func.extra.get("loops", {}).get(producer.site.loop_line, {}).get("target")
    return len(chain) == 2 and chain[-1] in SENDS and chain[0] == target


def _producer(model, edges, gather: Edge) -> Edge | None:
    """The call that makes one coroutine per item: inside the gather's arguments, or in a
    comprehension/loop before it that builds the list of tasks."""
    inside = [e for e in edges if e is not gather and e.site.loop_line
              and gather.site.line <= e.site.line <= gather.site.end_line and e.site.awaited]
    if inside:
        return _unwrap(model, edges, inside[0])
    before = [e for e in edges if e.site.loop_line and e.site.line < gather.site.line and _makes_coroutine(model, e)]
    return _unwrap(model, edges, before[-1]) if before else None


def _gated_by_literals(model, func: FunctionFacts, edges, producer: Edge) -> bool:
    """Every coroutine the loop makes sits under a test of the loop's value against literals
    (`if kind in KINDS:` ... `elif kind == "vars":`) and the loop visits each value once (a set,
    a list made of one): the fan-out is at most as wide as the literals written in the code
    (`facts.gated`), whatever the iterable holds."""
    loop = func.extra.get("loops", {}).get(producer.site.loop_line, {})
    gates = loop.get("gated", ())
    if not gates or not loop.get("distinct"):
        return False
    makers = [e for e in edges if e.site.loop_line == producer.site.loop_line
              and (_makes_coroutine(model, e) or e is producer)]
    return all(any(start <= e.site.line <= end for start, end, _size in gates) for e in makers)


def _starts_nothing(model, edges, producer: Edge) -> bool:
    """The items fanned out open no connection: futures already running (`wrap_future(f)` for the
    pending ones, awaited at shutdown) or project coroutines that only compute in memory (every one
    the loop builds: `match` arms may start different ones)."""
    if (producer.site.func or ("",))[-1] == "wrap_future":
        return True
    siblings = [_unwrap(model, edges, e) for e in edges if e.site.loop_line == producer.site.loop_line
                and (_makes_coroutine(model, e) or e is producer)]
    callees = [model.callee_function(e.target) for e in siblings]
    return all(c and model.functions[c][1].is_async and c not in may_wait_on_io(model) for c in callees)


def _makes_coroutine(model, edge: Edge) -> bool:
    if edge.site.func and edge.site.func[-1] in _WRAPPERS:
        return True
    callee = model.callee_function(edge.target)
    return bool(callee) and model.functions[callee][1].is_async and not edge.site.used_as


def _unwrap(model, edges, edge: Edge) -> Edge:
    """`create_task(work(x))`: the coroutine inside, not the wrapper."""
    if edge.site.func and edge.site.func[-1] in _WRAPPERS:
        for other in edges:
            if other is not edge and other.site.line == edge.site.line and other.site.col > edge.site.col:
                return other
    return edge


def _iterated(edges, gather: Edge, producer: Edge) -> tuple[str, str]:
    """The dotted collection the coroutines are made from: the loop's iterable, or the mapping
    behind a dict view (`for order_id, grams in order_weights.items()`), whose size is the
    mapping's. Returns the collection and the expression as written."""
    if producer.site.loop_iter or not producer.site.loop_line:
        return producer.site.loop_iter, producer.site.loop_iter
    inside = gather.site.line <= producer.site.line <= gather.site.end_line
    for edge in edges:
        site = edge.site
        at_loop = (site.line == producer.site.loop_line or
                   inside and gather.site.line <= site.line <= gather.site.end_line)
        if at_loop and _view(edge) and len(site.func) > 1 and "()" not in site.func and "[]" not in site.func:
            return ".".join(site.func[:-1]), ".".join(site.func) + "()"
    return "", ""


def _view(edge: Edge) -> bool:
    """A dict view: resolved, or `totals.items()` on a local whose type the resolver lost (bound
    from a chained call, `await Repo(session).totals(day)`): only a mapping has `.items()`."""
    if edge.target.kind == "builtin":
        return edge.target.name in _VIEWS
    return edge.target.kind == "unresolved" and len(edge.site.func) == 2 and edge.site.func[-1] == "items"


def _wrapped(func: FunctionFacts, producer: Edge) -> tuple[str, str, tuple[str, ...]]:
    """`for i in sorted(items)`, `enumerate(list(items))`, `zip(a, b)`: the collection inside the
    wrappers, the loop's iterable as written, and the other zipped collections (the fan-out is
    bounded when any of them is)."""
    loop = func.extra.get("loops", {}).get(producer.site.loop_line, {})
    value, shown, others = loop.get("iter"), "", ()
    for _ in range(3):
        if not isinstance(value, dict) or "call" not in value or value["call"] not in _SAME_SIZE:
            break
        site = next((s for s in func.calls if s.func == (value["call"],) and s.line == value.get("line")
                     and s.args and not s.star_args), None)
        if site is None:
            break
        shown = shown or f"{value['call']}({', '.join(_text(a) for a in site.args)})"
        if value["call"] == "zip":
            if not all(isinstance(a, dict) and "ref" in a for a in site.args):
                break
            others = tuple(a["ref"] for a in site.args[1:])
        value = site.args[0]
    if isinstance(value, dict) and isinstance(value.get("ref"), str) and shown:
        return value["ref"], shown, others
    return "", "", ()


def _chunked(model, fq: str, func: FunctionFacts, producer: Edge) -> tuple[str, str]:
    """`for chunk in chunks(records, 500)`: the collection split into fixed-size slices, one
    coroutine per slice. Batching bounds each call, not how many run: the fan-out is
    len(records) / 500, still as large as the data. Returns the collection and the call as written."""
    value = func.extra.get("loops", {}).get(producer.site.loop_line, {}).get("iter")
    if not isinstance(value, dict) or "call" not in value:
        return "", ""
    site = bound_site(func, value)
    if site is None or not site.args or site.star_args:
        return "", ""
    first = site.args[0]
    if not (isinstance(first, dict) and isinstance(first.get("ref"), str)):
        return "", ""
    edge = model.edge_of(fq, site)
    if edge is None or not (edge.target.name in CHUNKERS or _slices_first_param(model, edge)):
        return "", ""
    return first["ref"], f"{value['call']}({', '.join(_text(a) for a in site.args)})"


def _slices_first_param(model, edge: Edge) -> bool:
    """A project function whose every return is a comprehension over a `range` whose items are
    slices of its first parameter (`return [items[i:i + n] for i in range(0, len(items), n)]`)."""
    callee = model.callee_function(edge.target)
    if callee not in model.functions:
        return False
    func = model.functions[callee][1]
    params = [p for p in func.params if p.name not in ("self", "cls")]
    returns = func.returns_values
    return bool(params and returns) and all(
        isinstance(r, dict) and r.get("literal") in ("listcomp", "genexp")
        and isinstance(r.get("over"), dict) and r["over"].get("call") == "range"
        and r.get("each") == {"ref": f"{params[0].name}.[]"} for r in returns)


def _text(value: object) -> str:
    if isinstance(value, dict):
        return value.get("ref") or (f"{value['call']}(...)" if "call" in value else "...")
    return repr(value)


def _unbounded_source(model, facts: ModuleFacts, func: FunctionFacts, items: str, depth: int = 0) -> str:
    """Why the iterated collection has no bound ("" when it has one or nothing is known)."""
    if not items or "[]" in items.split("."):
        return ""
    head = items.split(".")[0]
    if head == "self":
        parts = items.split(".")
        owner = f"{facts.module}.{func.class_name}"
        configured = len(parts) == 2 and func.class_name and (
            configured_collection(model, owner, parts[1]) or _written_out_property(model, owner, parts[1])
            or _filled_from_varargs(model, owner, parts[1]))
        return "" if configured else "state of the object"  # a few configured sinks, not data
    value = func.local_types.get(head)
    if value == [] and "." not in items:
        value = {"literal": "list"}  # `invited = []`, unannotated: as long as the loop that fills it
    cast_of = _cast_argument(model, facts, func, value) if "." not in items and depth < 3 else ""
    if cast_of:
        return _unbounded_source(model, facts, func, cast_of, depth + 1)
    if isinstance(value, dict) and "." not in items:
        value, behind = _behind_local(func, head, value)
        if behind:
            return _unbounded_source(model, facts, func, behind, depth + 1) if depth < 3 else ""
    if isinstance(value, dict):
        return "" if _fixed_count(model, facts, func, value) else _value_source(value)
    param = next((p for p in func.params if p.name == head), None)
    mapping = _mapping_values_of(func, head) if value is None and param is None and depth < 3 else ""
    if mapping:
        return _unbounded_source(model, facts, func, mapping, depth + 1)
    if param is not None:
        if param.kind == "vararg" and not _spread_by_caller(model, facts, func):
            return ""
        return "a parameter: its size is up to the caller"
    assign = facts.assigns.get(head)
    if assign is not None and not assign.mutable:
        return ""
    return "shared state" if assign is not None else ""


def _written_out_property(model, class_fq: str, attr: str) -> bool:
    """`self.all` read through a property whose every return is a list or tuple written out item by
    item (`return [self.board, self.swap, self.system]`): as many items as the code names, the
    object's own fixed parts, whatever the data holds."""
    for owner in model.mro(class_fq):
        found = model.functions.get(f"{owner}.{attr}")
        if found is not None:
            getter = found[1]
            returns = getter.returns_values
            return is_property(getter) and bool(returns) and all(
                isinstance(r, dict) and r.get("literal") in ("list", "tuple") and isinstance(r.get("items"), list)
                and r.get("size") == len(r["items"]) and all(_named_item(item) for item in r["items"])
                for r in returns)
    return False


def _named_item(item: object) -> bool:
    """An item written out in a list display: not unknown, and not a spread (`*self._peers.values()`),
    which adds as many items as the data holds."""
    return item is not None and not (isinstance(item, dict) and "star" in item)


def _filled_from_varargs(model, class_fq: str, attr: str) -> bool:
    """`self._sinks = []` in `__init__`, then one `self._sinks.append(...)` per item of its `*args`,
    and nowhere else: as many items as each constructor call writes out (`Parallel([a], [b])`),
    unless a caller spreads a collection into it (`Parallel(*pipelines)`)."""
    for owner in model.mro(class_fq):
        writers = model.self_attr_writers(owner).get(attr) if owner in model.classes else None
        if not writers:
            continue
        init = f"{owner}.__init__"
        if any(fq != init or func.self_attrs.get(attr) != [] for fq, _facts, func in writers):
            return False
        facts, func = model.functions[init]
        varargs = {p.name for p in func.params if p.kind == "vararg"}
        adds = [(fq, site) for method in model.classes[owner][1].methods
                if (fq := f"{owner}.{method}") in model.functions
                for site in model.functions[fq][1].calls if _adds_to_attr(site, attr)]
        return bool(adds) and all(fq == init and site.loop_iter in varargs for fq, site in adds) \
            and not _spread_by_caller(model, facts, func)
    return False


def _adds_to_attr(site: CallSite, attr: str) -> bool:
    return tuple(site.func or ())[:2] == ("self", attr) and len(site.func) == 3 \
        and site.func[2] in ("append", "extend", "add", "insert")


def _cast_argument(model, facts: ModuleFacts, func: FunctionFacts, value: object) -> str:
    """`group = cast(list[Entry], batch)`: the name `typing.cast` hands back unchanged ("" for any
    other value), so the local is as long as that name is."""
    site = bound_site(func, value) if isinstance(value, dict) and value.get("call") else None
    if site is None or len(site.args) != 2 or resolved_name(model, facts, func, site.name) != "typing.cast":
        return ""
    ref = site.args[1].get("ref") if isinstance(site.args[1], dict) else None
    return ref if isinstance(ref, str) else ""


def _mapping_values_of(func: FunctionFacts, head: str) -> str:
    """`for ward, patients in inpatients.items():` -> "inpatients": `head` is the value half of a loop
    over a mapping's items, each value a collection as long as that mapping's owner made it."""
    for info in func.extra.get("loops", {}).values():
        iterated = info.get("iter") if info.get("kind") == "for" else None
        call = iterated.get("call", "") if isinstance(iterated, dict) else ""
        targets = info.get("target", "").split(",")
        if call.endswith(".items") and len(targets) == 2 and targets[1] == head and "." not in call[:-6]:
            return call[:-6]
    return ""


def _behind_local(func: FunctionFacts, head: str, value: dict) -> tuple[dict, str]:
    """The local's value, and the collection it is as long as ("" when none): what its comprehension
    iterates (`ids = [r["id"] for r in await conn.fetch(...)]`, the call standing for the value), or
    the loop that fills a list bound empty (`phones: list[str] = []`, appended to per booking)."""
    if isinstance(over := value.get("over"), dict):
        if isinstance(over.get("ref"), str):
            return value, over["ref"]
        value = over if "call" in over and over["call"] != "range" else {}
    if "literal" in value or "ann" in value:
        grown = _grown_in_loop(func, head)
        if grown and grown != head and not _sized_batch(func, grown):
            return value, grown
        return _filled_from_call(func, head) or value, ""
    return value, ""


def _filled_from_call(func: FunctionFacts, name: str) -> dict:
    """`for row in await conn.fetch(...): endpoints.append(...)`: the call whose result the loop
    filling the list iterates, standing for the list's size ({} when there is none)."""
    loops = func.extra.get("loops", {})
    for site in func.calls:
        if _adds_to(site, name) and site.loop_line and not site.loop_iter:
            value = loops.get(site.loop_line, {}).get("iter")
            if isinstance(value, dict) and value.get("call") not in (None, "range") and not _sized_call(func, value):
                return value
    return {}


def _fixed_count(model, facts: ModuleFacts, func: FunctionFacts, value: dict, depth: int = 0) -> bool:
    """The value holds at most a constant number of items: `random.sample(pool, min(SIZE, len(pool)))`
    (or `k=SIZE`) with a constant size, or a project function whose every return is such a sample."""
    site = bound_site(func, value) if value.get("call") else None
    if site is None:
        return False
    if site.name in SAMPLERS or resolved_name(model, facts, func, site.name) in SAMPLERS:
        size = site.kwargs.get("k", site.args[1] if len(site.args) > 1 else None)
        return _constant_size(model, facts, func, size)
    edge = model.edge_of(f"{facts.module}.{func.qualname}", site)
    if edge is None or edge.target.kind != "function" or depth > 1 or edge.target.name not in model.functions:
        return False
    callee_facts, callee = model.functions[edge.target.name]
    returns = [r for r in callee.returns_values if isinstance(r, dict)]
    return bool(returns) and len(returns) == len(callee.returns_values) \
        and all(_fixed_count(model, callee_facts, callee, r, depth + 1) for r in returns)


def _constant_size(model, facts: ModuleFacts, func: FunctionFacts, size: object) -> bool:
    """An int literal, a module constant bound to one, or `min(...)` with one such argument."""
    if isinstance(size, int) and not isinstance(size, bool):
        return True
    if not isinstance(size, dict):
        return False
    if isinstance(size.get("ref"), str):
        assign = facts.assigns.get(size["ref"])
        return assign is not None and not assign.mutable and isinstance(getattr(assign, "value", None), int)
    site = bound_site(func, size) if size.get("call") == "min" else None
    return site is not None and any(_constant_size(model, facts, func, arg) for arg in site.args)


def _value_source(value: dict) -> str:
    """Why a local's value has no bound: a call's result or another name ("" for a sized literal)."""
    if "literal" in value and value.get("size", -1) >= 0:
        return ""
    if "call" in value:
        return f"the result of `{value['call']}(...)`"
    if "ref" in value and "[]" not in value["ref"]:
        return f"`{value['ref']}`"
    return ""


def _grown_in_loop(func: FunctionFacts, name: str) -> str:
    """`phones = []` then `phones.append(...)` in `for b in bookings:`: the list is as long as
    the loop's iterable, returned here ("" when it is not filled in a loop); so is a dict filled
    one key per item (`awards[member_id] = points` in `for member_id in member_ids:`)."""
    grown = next((site.loop_iter for site in func.calls if _adds_to(site, name) and site.loop_iter), "")
    return grown or next((over for store in func.extra.get("stores", ()) if store.get("target") == name
                          and store.get("item") and store.get("kind") == "set"
                          for over in [_keyed_by_loop(func, store)] if over), "")


def _keyed_by_loop(func: FunctionFacts, store: dict) -> str:
    """The iterable of the innermost `for` loop around an item store whose key is that loop's
    own variable (`for member_id in member_ids: awards[member_id] = ...`): one key per item."""
    key = store.get("key")
    loops = [(start, loop) for start, loop in func.extra.get("loops", {}).items() if loop.get("kind") == "for"
             and start <= store.get("line", 0) <= loop.get("end", start)]
    if not loops or not isinstance(key, dict):
        return ""
    loop = max(loops, key=lambda item: item[0])[1]
    over = loop.get("iter")
    if key.get("ref") != loop.get("target") or not isinstance(over, dict) or not isinstance(over.get("ref"), str):
        return ""
    return over["ref"]


def _adds_to(site: CallSite, name: str) -> bool:
    """`name.append(...)` (`extend`, `add`): the call grows the local collection `name`."""
    return bool(site.func) and len(site.func) == 2 and site.func[0] == name \
        and site.func[1] in ("append", "extend", "add")


_SIZE_WORDS = re.compile(r"limit|batch|page|chunk|max", re.I)


def _sized_batch(func: FunctionFacts, name: str) -> bool:
    """`due = await claim_due(session, self._batch_size)`: a fetch told how many rows to return."""
    return _sized_call(func, func.local_types.get(name))


def _sized_call(func: FunctionFacts, value: object) -> bool:
    """The call is told how many rows to return (`fetch_due(conn, limit=100)`)."""
    if not isinstance(value, dict) or not value.get("call"):
        return False
    site = bound_site(func, value)
    if site is None:
        return False
    refs = [str(a.get("ref", "")) for a in [*site.args, *site.kwargs.values()] if isinstance(a, dict)]
    return any(_SIZE_WORDS.search(word) for word in [*refs, *site.kwargs])


def _spread_by_caller(model, facts: ModuleFacts, func: FunctionFacts) -> bool:
    """`def run(self, *tasks)`: the tuple holds the arguments each caller writes out, as many as
    the call has, unless a caller spreads a collection into it (`run(*jobs)`)."""
    return any(edge.site.star_args for edge in model.callers.get(f"{facts.module}.{func.qualname}", ()))


def _limiter(model, facts: ModuleFacts, func: FunctionFacts, expr: str) -> bool:
    """`async with <expr>` takes a semaphore or lock: by its type, or by its name when untyped."""
    found = model.resolver.type_of_chain(facts, func, tuple(expr.split(".")))
    if found and found[0] in ("ext_instance", "ext_result"):
        return found[1].rsplit(".", 1)[-1] in _LIMITERS
    return any(word in expr.rsplit(".", 1)[-1].lower() for word in _LIMIT_WORDS)


def _awaits_inside(func: FunctionFacts, block: dict) -> bool:
    """The limiter's body awaits something: a lock taken only around a counter update
    (no await inside) bounds nothing, the I/O before it still runs all at once. An
    `await coro` of a coroutine passed in is no call site, so the lock's await count counts too."""
    if any(use.line == block["line"] and use.awaits_inside for use in func.locks):
        return True
    return any(s.awaited and block["line"] < s.line <= block["end"] for s in func.calls)


def _awaits_before(func: FunctionFacts, line: int) -> bool:
    """An awaited call ahead of the limiter (`rated = await self._rate(...)` before `async with
    self._locks.close:`): that work runs for every item at once, the limiter bounds only the rest."""
    return any(s.awaited and s.line < line and not (s.func and s.func[-1] == "acquire") for s in func.calls)


def _runs_for_life(func: FunctionFacts) -> bool:
    """A `while True:` / `while self._running:` loop that awaits inside: the coroutine keeps one
    connection or subscription alive until shutdown rather than doing one piece of work. A loop
    that returns a value from inside is a retry loop around one request (`while True: try: return
    await post(...)`), which ends with its answer."""
    returns = func.extra.get("return_lines", ())
    return any(loop.get("kind") == "while" and (loop.get("iter") is True or isinstance(loop.get("iter"), dict)
                                                  and str(loop["iter"].get("ref", "")).startswith("self."))
               and any(s.awaited and int(line) < s.line <= loop["end"] for s in func.calls)
               and not any(int(line) < r <= loop["end"] for r in returns)
               for line, loop in func.extra.get("loops", {}).items())


def _supervisor(model, producer: Edge) -> bool:
    """One long-lived task per configured peer (`for producer in self.producers: create_task(
    self._connect(producer))`), each looping until shutdown: a semaphore would leave the peers past
    the limit never served, and the tasks hold connections, not bursts of work."""
    frontier = [c] if (c := model.callee_function(producer.target)) else []
    for _ in range(2):
        if any(_runs_for_life(model.functions[fq][1]) for fq in frontier):
            return True
        frontier = [c for fq in frontier for e in model.edges.get(fq, ()) if e.site.awaited
                    and (c := model.callee_function(e.target))]
    return False


def _timed_sends(model, producer: Edge) -> bool:
    """The gathered coroutine awaits nothing but sends to a client, each under a timeout (`await
    asyncio.wait_for(websocket.send_json(event), timeout=2.0)`): the concurrent broadcast RA313
    recommends. A socket write uses no shared pool or quota, and a slow client costs its timeout."""
    callee = model.callee_function(producer.target)
    if not callee:
        return False
    _, func = model.functions[callee]
    edges = model.edges.get(callee, ())
    params = {p.name for p in func.params}
    sends = [e for e in edges if e.site.func and len(e.site.func) == 2 and e.site.func[-1] in SENDS
             and e.site.func[0] in params]  # the client the coroutine was given
    blocks = func.extra.get("blocks", ())
    if not sends or not all(bounded_send(edges, e, blocks) for e in sends):
        return False
    send_lines = {e.site.line for e in sends}
    dropping = _drop_handlers(blocks, send_lines)
    return all(e.site.line in send_lines or e.site.func[:1] == ("self",) and any(
        h["line"] <= e.site.line <= h["end"] for h in dropping) for e in edges if e.site.awaited)


def _drop_handlers(blocks, send_lines: set[int]) -> list[dict]:
    """The `except` handlers of a try around a timed send: what they await on `self` (`await
    self.leave_all(socket)`) drops the failed client, once per failure, not a call per client."""
    tries = [b for b in blocks if b.get("kind") == "try" and any(b["line"] <= n <= b["end"] for n in send_lines)]
    return [b for b in blocks if b.get("kind") == "except" and any(t["line"] == b.get("try_line") for t in tries)]


def _held_back(model, fq: str, producer: Edge) -> bool:
    """The fan-out is bounded after all: a limit on the work (`_limited`), a supervisor running
    it, or sends each bounded by a timeout."""
    return _limited(model, fq, producer) or _supervisor(model, producer) or _timed_sends(model, producer)


def _limited(model, fq: str, producer: Edge) -> bool:
    """The gathered coroutine takes a semaphore (or lock) itself, or one of its callees does, before
    any other awaited work: a limit taken after a query or call leaves that work unbounded."""
    callee = _gathered_function(model, fq, producer)
    if not callee:
        return bool(producer.site.func) and any(w in producer.site.name.lower() for w in _LIMIT_WORDS)
    frontier = [callee]
    for _ in range(2):
        nxt = []
        for fq in frontier:
            facts, func = model.functions[fq]
            if any(_limiter(model, facts, func, b["expr"]) and _awaits_inside(func, b)
                   and not _awaits_before(func, b["line"])
                   for b in func.extra.get("blocks", ())
                   if b.get("kind") == "with" and b.get("is_async") and b.get("expr")):
                return True
            if any(s.func and s.func[-1] == "acquire" and s.used_as == "await" and not _awaits_before(func, s.line)
                   for s in func.calls):
                return True
            nxt += [c for e in model.edges.get(fq, ()) if (c := model.callee_function(e.target))
                    and not _awaits_before(func, e.site.line)]
        frontier = nxt
    return False
