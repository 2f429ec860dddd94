"""RA503 stateful-component: a shared service object that keeps per-request results in memory."""
from __future__ import annotations

import re
from typing import Iterator

from ...findings import Finding, Location
from ...knowledge.clients import client_spec
from ...knowledge.queues import BLOCKING_POPS
from ...model.program_kind import single_process
from ...model.project import ProjectModel
from ...model.resilience.components import InstanceState, instance_state, singletons
from ...model.app import is_test_path
from ...model.resilience.runtime import entries_reaching, short
from ...model.resilience.state import resource_built
from ...model.resilience.triggers import request_entry
from ..api import ProjectContext, Rule, register
from ._locks import lock_lines

_SKIP_ATTR = re.compile(r"cache|memo|lock|sem|mutex|cond|stats|metric|count|total|logger|_task|tasks?$", re.I)
_REQUEST_KINDS = ("http", "websocket")
_MAX_RELATED = 8


@register
class RequestStateInSingleton(Rule):
    """A service created once per process that stores data written by requests and read back.

    What it finds:
        Instance attributes of objects created once per process (in the lifespan/startup code,
        or as module-level instances handed to routes, e.g. in a dependencies module) that HTTP or
        WebSocket requests write after construction
        and that other methods read back - snapshots, balances, reservations, sessions. A
        lifecycle-named method (`start`, `setup`, `connect`) counts as construction only when no
        request reaches it (`wizard.start(tenant, plan)` called by a route writes request data). Caches
        named as such, locks, counters and background-task handles are left out, as is state
        only the object's own background loop touches, a session or connection handle (a method
        call on `self.session: AsyncSession` uses it, it stores nothing; `self.db` opened lazily and
        set back to `None` on close) and a run flag written only `True`/`False` that the object's
        own loop tests (`while self._listening:`). Also entries (`self._progress[job.id] =
        sent`) that a background job writes while it holds a distributed lock or has claimed the
        work from a shared queue (a Redis lock, `FOR UPDATE SKIP LOCKED`, `BRPOP`,
        `XREADGROUP`) when request handlers read them: only the winning process has them. Loops
        that every process runs to refresh its own copy take no claim and are not reported.
        Also batches one method collects across calls and sends once enough have piled up
        (`pending = self._pending[station]; pending.append(zpl)`, then past a threshold
        `self._pending[station] = []` and the batch handed to a sender), when requests or callers
        outside the project (an uncalled public method) drive it; a collection emptied on every
        call, or filled only by the object's own background loop, is not reported.
        State only WebSocket connections write and HTTP requests read (who is online) is
        reported by RA502 as a horizontal-scaling blocker. Nothing is reported in a program its
        user runs as one process (a desktop or terminal program embedding its web server, see
        `model.program_kind`): the object's memory is the program's state, with no other copy.

    Why it matters:
        The data lives in one process. Behind a load balancer the request that wrote it and the
        request that reads it may hit different workers or replicas, so reads return nothing or
        stale values, limits enforced from it are multiplied by the number of processes, and a
        restart or deploy loses it. The component cannot be scaled out without changing behaviour.

    Example:
        async def refresh_snapshot(self, user_id):
            self._last_snapshot[user_id] = await self.get_summary(user_id)

        def cached_snapshot(self, user_id):
            return self._last_snapshot.get(user_id)

    Instead:
        Keep state that must survive across requests where every process sees it (Redis with a
        TTL, or the database), and keep the service object stateless:

            await redis.set(f"snapshot:{user_id}", summary.model_dump_json(), ex=300)
    """

    id = "RA503"
    name = "request-state-in-singleton"
    category = "stateful-component"
    severity = "MEDIUM"
    scope = "project"
    base_effort = 3.0

    def check(self, ctx: ProjectContext) -> Iterator[Finding]:
        model = ctx.model
        classes = singletons(model)
        ctx.examine("long-lived service objects", len(classes))
        if single_process(model):
            return  # one process: its objects' memory is the only copy, no replica to miss it
        for class_fq, how in sorted(classes.items()):
            facts = model.classes[class_fq][0]
            if is_test_path(facts.path):
                continue
            if how.startswith("a module-level instance") and value_type(model, class_fq):
                continue  # a constant of a record type: the writes reached are on the other instances
            found = request_state(model, class_fq)
            if found:
                yield self._finding(model, class_fq, how, found)

    def _finding(self, model: ProjectModel, class_fq: str, how: str, states: list[InstanceState]) -> Finding:
        facts, cls = model.classes[class_fq]
        states = _declaration_order(model, class_fq, states)
        first = states[0]
        described = [_state_part(model, state) for state in states]
        parts = [part for _kind, part, _related in described]
        kinds = {kind for kind, _part, _related in described}
        related = [location for _kind, _part, found in described for location in found]
        location = (Location(first.init_path, first.init_line, first.init_line) if first.init_line
                    else Location(facts.path, cls.line, cls.line))
        description = (
            f"`{cls.name}` ({facts.path}:{cls.line}) is {how}, so one instance serves every request in a process, "
            f"and it keeps request data in memory: {'; '.join(parts)}."
        )
        if kinds == {"batch"}:
            description += (
                " Each worker process and replica has its own batches: items waiting for one to fill are lost"
                " when the process restarts, and with N processes a batch can take N times as long to go out."
            )
        else:
            description += (" Each worker process and replica has its own copy, so a read can miss what another "
                            "process wrote, and everything is lost on restart.")
            if "batch" in kinds:
                description += (" Items waiting for a batch to fill are lost when the process restarts, and each "
                                "process fills its own batch, so with N processes a batch can take N times as long "
                                "to go out.")
        what = "job state only the claiming process holds" if kinds == {"claim"} else "request state in process memory"
        return self.finding(
            location, f"{cls.name} keeps {what} "
            f"({', '.join('self.' + s.attr for s in states)})",
            description, related=related[:_MAX_RELATED],
        )


def _declaration_order(model: ProjectModel, class_fq: str, states: list[InstanceState]) -> list[InstanceState]:
    """The attributes in the order the constructor declares them, those it creates itself (`{}`)
    before those handed in (`self._tables = tables`): the finding cites the first."""
    init = model.functions.get(f"{class_fq}.__init__")
    params = {p.name for p in init[1].params} if init else set()
    attrs = init[1].self_attrs if init else {}

    def handed_in(state: InstanceState) -> bool:
        value = attrs.get(state.attr)
        return isinstance(value, dict) and value.get("ref") in params

    return sorted(states, key=lambda s: (not s.init_line, handed_in(s), s.init_path, s.init_line))


def _state_part(model: ProjectModel, state: InstanceState) -> tuple[str, str, list[Location]]:
    """("request" | "claim" | "batch", what the description says of one attribute, its related
    locations): written by requests, by a job only the lock holder runs, or collected as a batch."""
    writer_entries = _request_entries(model, state.writers)[:3]
    readers = sorted(short(r) for r in state.readers) or sorted(short(w) for w in _takers(model, state))
    called = {w for w in state.writers if model.callers.get(w)}  # a writer nothing calls writes nothing
    writers = ', '.join(sorted({short(w) for w in called or state.writers}))
    claims = [] if writer_entries else claimed_work(model, state)
    batch = None if state.readers or claims else batch_flush(model, state)
    if batch:
        path = model.functions[batch[0]][0].path
        return "batch", (
            f"`self.{state.attr}` collects items across calls of {short(batch[0])} "
            f"({'for ' + ', '.join(writer_entries) if writer_entries else 'a public method'}) "
            f"and only sends them on once enough have piled up (line {batch[2]})"), [
            Location(path, batch[1], batch[1], "each call adds to what earlier calls left"),
            Location(path, batch[2], batch[2], "the collected batch is sent from here")]
    writes = [Location(model.functions[fq][0].path, line, line, f"writes self.{state.attr}")
              for fq, line in [w for w in state.writes if not called or w[0] in called][:3]]
    if claims:
        return "claim", (
            f"`self.{state.attr}` is written by {writers} in a background job that only the "
            f"process holding the lock or claim at {claims[0][0]}:{claims[0][1]} runs, and read by "
            f"{', '.join(readers[:4])} for {', '.join(_request_entries(model, state.readers)[:3])}"), [
            Location(path, line, line, "only the process holding this runs the writer")
            for path, line in claims[:2]] + writes
    return "request", (f"`self.{state.attr}` is written by {writers}"
                       f" (for {', '.join(writer_entries)}) and read by {', '.join(readers[:4])}"), writes


def value_type(model: ProjectModel, class_fq: str) -> bool:
    """The class is built in three or more project functions (`ItemMapping(...)` per parsed row):
    a record type, whose module-level instance is a constant. Its methods writing `self` run on the
    instances built per call, and nothing shows one of them reaching the module-level one."""
    def build() -> dict[str, set[str]]:
        out: dict[str, set[str]] = {}
        for fq, edges in model.edges.items():
            if fq in model.functions and not is_test_path(model.functions[fq][0].path):
                for edge in edges:
                    if edge.target.kind == "class":
                        out.setdefault(edge.target.name, set()).add(fq)
        return out
    return len(model.memo("request_state_in_singleton.builders", build).get(class_fq, ())) >= 3


def request_state(model: ProjectModel, class_fq: str) -> list[InstanceState]:
    """The attributes of a once-per-process class that requests write and read back (cached per run)."""
    return [s for s in _kept_state(model, class_fq) if not connection_kept(model, s)]


def connection_state(model: ProjectModel, class_fq: str) -> list[InstanceState]:
    """The attributes of a once-per-process class kept by WebSocket connections and read by
    HTTP requests (who is online): they describe only this process's connections (RA502)."""
    return [s for s in _kept_state(model, class_fq) if connection_kept(model, s)]


def resources_only(model: ProjectModel, class_fq: str) -> bool:
    """Everything the object changes after construction is per process by nature: connection
    handles opened and closed, run flags and task handles of its own background work
    (`Database.db`, `self._listening`, `self.reader_task`). Such a module-level instance holds no
    data to share between processes (for RA501; a registry of live sockets is still reported there)."""
    written = instance_state(model, class_fq)
    return bool(written) and all(_per_process(model, state) for state in written)


def _per_process(model: ProjectModel, state: InstanceState) -> bool:
    return bool(_SKIP_ATTR.search(state.attr)) or _lazy_client(model, state) or \
        _lifecycle_flag(model, state) or _own_loop_only(model, state)


def _own_loop_only(model: ProjectModel, state: InstanceState) -> bool:
    """Only the object's private methods write it (`self._subscriber = await psubscribe(...)` in
    its `_listen` task) and no request reaches them: state of its own background work."""
    return all(fq.rsplit(".", 1)[-1].startswith("_") for fq in state.writers) and \
        not _request_entries(model, state.writers)


def _kept_state(model: ProjectModel, class_fq: str) -> list[InstanceState]:
    cache = model.memo("scalability.request_state_attrs", dict)
    if class_fq not in cache:
        cache[class_fq] = [] if _not_a_service(model, class_fq) else \
            [s for s in instance_state(model, class_fq) if _stateful(model, s)]
    return cache[class_fq]


def connection_kept(model: ProjectModel, state: InstanceState) -> bool:
    """Only WebSocket handlers write the attribute, and HTTP requests read it or a public query
    method nothing in the project calls does (`is_online`: an API for callers the call graph
    does not see)."""
    writers = [e.kind for e, _c in entries_reaching(model, state.writers, limit=50) if e.kind in _REQUEST_KINDS]
    if not writers or set(writers) != {"websocket"}:
        return False
    readers = entries_reaching(model, state.readers, limit=50) if state.readers else []
    return any(e.kind == "http" for e, _c in readers) or any(
        not model.callers.get(fq) and not fq.rsplit(".", 1)[-1].startswith("_")
        for fq in set(state.readers) - set(state.writers)) or _read_for_other_sockets(model, state)


def _read_for_other_sockets(model: ProjectModel, state: InstanceState) -> bool:
    """A reader that only reads runs for another WebSocket route than the ones that keep the state
    (`is_online(peer)` checked while a chat message is handled, the presence socket writing it):
    it asks about clients that may be connected to another process."""
    routes = {e.function for e, _c in entries_reaching(model, state.writers, limit=50) if e.kind == "websocket"}
    entry_of = request_entry(model)  # follows work handed to tasks and queues, which `entries_reaching` does not
    return any((entry := entry_of.get(fq)) is not None and entry.kind == "websocket" and entry.function not in routes
               for fq in set(state.readers) - set(state.writers))


# caches (recomputed on a miss) and configuration objects (settings changed by an admin) are not
# services keeping request data; module-level ones are reported as global state (RA501)
# ("memo" but not "InMemory...": an in-memory store is exactly the service this rule looks for)
_NOT_SERVICE = re.compile(r"cache|memo(?!ry)|settings|config", re.I)


def _not_a_service(model: ProjectModel, class_fq: str) -> bool:
    cls = model.classes[class_fq][1]
    return bool(_NOT_SERVICE.search(cls.name)) or any(b.rsplit(".", 1)[-1] == "BaseSettings" for b in cls.bases)


def _stateful(model: ProjectModel, state: InstanceState) -> bool:
    if _SKIP_ATTR.search(state.attr) or not (state.readers or _taken_back(model, state) or
                                             batch_flush(model, state)) or _counter(model, state):
        return False
    if _holds_connections(model, state) or _lazy_client(model, state) or _lifecycle_flag(model, state):
        return False  # connection registries, client handles and run flags are per process by nature (see RA502)
    return bool(_request_entries(model, state.writers)) or bool(claimed_work(model, state)) or _api_batch(model, state)


def _api_batch(model: ProjectModel, state: InstanceState) -> bool:
    """A batch collected by a public method nothing in the project calls: the service's API for
    callers the call graph does not see (a route resolving the service from `app.state`), not
    a background loop's private buffer (a loop is a caller)."""
    found = batch_flush(model, state)
    return bool(found) and not found[0].rsplit(".", 1)[-1].startswith("_") and not model.callers.get(found[0])


# Redis calls that hand each item to one consumer only (a list pop, a consumer-group read)
_CLAIMS = BLOCKING_POPS | {"xreadgroup", "xautoclaim"}


def claimed_work(model: ProjectModel, state: InstanceState) -> list[tuple[str, int]]:
    """(path, line) of the distributed locks or queue claims under which a background job
    writes keyed entries of the attribute that request handlers read: only the process that won
    the lock or claimed the job holds them, so a request served by any other process reads
    nothing. Loops every process runs for itself (a refresher filling its own copy) take no
    claim and are not meant."""
    if not state.container or not _request_entries(model, state.readers):
        return []
    entries = entries_reaching(model, state.writers, limit=50)
    if not entries or any(entry.kind in _REQUEST_KINDS for entry, _chain in entries):
        return []
    upstream = model.reach({fq: None for fq in state.writers}, lambda edge: True)
    return sorted({(model.functions[fq][0].path, line) for fq in sorted(upstream)
                   for line in lock_lines(model, fq) | _claim_lines(model, fq)})


def _claim_lines(model: ProjectModel, fq: str) -> set[int]:
    return {edge.site.line for edge in model.edges.get(fq, ())
            if edge.target.kind == "external" and edge.target.name.startswith("redis")
            and edge.site.func and edge.site.func[-1] in _CLAIMS}


def _request_entries(model: ProjectModel, fqs: set[str]) -> list[str]:
    """Names of the HTTP/WebSocket entry points whose requests reach any of `fqs` (the
    attribute's readers or writers)."""
    reached = entries_reaching(model, fqs, limit=50) if fqs else []
    return [entry.name for entry, _chain in reached if entry.kind in _REQUEST_KINDS]


# live connections and their per-connection queues: they exist only in the process holding them
_CONNECTIONS = re.compile(r"WebSocket|Queue\b|Subscriber|Subscription")
_TAKES = frozenset({"pop", "popitem", "setdefault"})


def _taken_back(model: ProjectModel, state: InstanceState) -> bool:
    """One method stores the data and another takes it back out (`self._quotes.pop(quote_id)`
    with its result used): a write-then-read across requests, written as two mutations.
    `setdefault` both stores and hands the entry back, so a method appending chunks through
    it (`buf = self._pending.setdefault(upload_id, bytearray())`) is a storer too."""
    takers = _takers(model, state)
    return any(state.writers - {taker} - (takers - _storers(model, state)) for taker in takers)


def _storers(model: ProjectModel, state: InstanceState) -> set[str]:
    """Methods that put entries in (any write other than a `pop`/`popitem`)."""
    return {fq for fq, line in state.writes
            if not any(site.line == line and site.func and site.func[-1] in ("pop", "popitem")
                       for site in model.functions[fq][1].calls)}


def _takers(model: ProjectModel, state: InstanceState) -> set[str]:
    """Writers that hand an entry back: a `pop` whose result is used, or a `get` on the attribute
    with its result used (`draft = self._drafts.get(sid)` ... `self._drafts.pop(sid)`: the
    read-back of what another request stored, then its clean-up)."""
    return {fq for fq, line in state.writes
            if any(site.line == line and site.func and site.func[-1] in _TAKES and not site.discarded
                   for site in model.functions[fq][1].calls)
            or _reads_entry(model.functions[fq][1].calls, state.attr)}


def _reads_entry(calls: list, attr: str) -> bool:
    """`self.<attr>.get(...)` with its result used."""
    return any(site.func == ("self", attr, "get") and not site.discarded for site in calls)


_GROWS = frozenset({"append", "extend", "appendleft", "add", "write"})


def batch_flush(model: ProjectModel, state: InstanceState) -> tuple[str, int, int] | None:
    """(method, line it adds an item, line it hands the batch on) when one method collects items
    across calls and flushes them once enough have arrived: `pending = self._pending[station];
    pending.append(zpl)`, then, in a branch (past a threshold), `self._pending[station] = []`
    and the collected `pending` passed to a sender. Each call only adds to what earlier requests
    left behind, so the batch is whatever this process happened to receive, and unsent items
    die with it. A collection emptied on every call is scratch space, not a batch."""
    for fq in sorted(state.writers):
        func = model.functions[fq][1]
        names = _batch_names(func, state.attr)
        grows = {site.line for site in func.calls if site.func and site.func[-1] in _GROWS
                 and _collection(site.func[:-1]) in names}
        if not grows:
            continue
        flushed = [site.line for site in func.calls if site.func and site.func[-1] not in _NOT_FLUSH
                   and any(isinstance(v, dict) and v.get("ref") in names for v in (*site.args, *site.kwargs.values()))]
        branches = [(b["line"], b["end"]) for b in func.extra.get("blocks", ()) if b["kind"] == "if"
                    and not any(b["line"] <= g <= b["end"] for g in grows)]
        if flushed and any(start < r <= end for r in _reset_lines(func, state.attr, names, grows)
                           for start, end in branches):
            return fq, min(grows), flushed[0]
    return None


_NOT_FLUSH = frozenset({"len", "bool", "isinstance", "id", "repr", "str", "debug", "info", "warning"})


def _batch_names(func, attr: str) -> set[str]:
    """`self.attr`, an item of it, and the locals bound to either (`pending = self._pending[k]`,
    `buf = self._pending.setdefault(k, [])`)."""
    names = {f"self.{attr}", f"self.{attr}.[]"}
    for local, value in func.local_types.items():
        if isinstance(value, dict) and (value.get("ref") in names or
                                        value.get("call") in (f"self.{attr}.setdefault", f"self.{attr}.get")):
            names.add(local)
    return names


def _collection(chain: tuple[str, ...]) -> str:
    """`self._pending[station]` / `self._pending` / `pending` as the names `batch_flush` compares."""
    return ".".join(chain) if chain and chain[0] == "self" else chain[0] if len(chain) == 1 else ""


def _reset_lines(func, attr: str, names: set[str], grows: set[int]) -> set[int]:
    """Lines that empty the collection (`self._pending[k] = []`, `self._buf = []`, `.clear()`,
    `.pop(k)`): the batch is taken out and sent, not a history kept."""
    lines = {store["line"] for store in func.extra.get("stores", ())
             if store["target"] == f"self.{attr}" and store["line"] not in grows}
    lines |= {site.line for site in func.calls if site.func and site.func[-1] in ("clear", "pop", "popitem")
              and (site.func[:2] == ("self", attr) or len(site.func) == 2 and site.func[0] in names)}
    return lines


def _holds_connections(model: ProjectModel, state: InstanceState) -> bool:
    """The attribute holds live connections: its declaration names a socket or queue type, or a
    project class built around one (`dict[int, DriverConnection]` whose `__init__` takes a `WebSocket`)."""
    if not state.init_line:
        return False
    text = _declaration(model, state.init_path, state.init_line)
    return bool(_CONNECTIONS.search(text) or _HANDLES.search(text.split("=", 1)[0])) or \
        declares_connection_class(model, text)


# objects that exist only in the process that made them: events, tasks, futures, event loops
_HANDLES = re.compile(r"\b(?:asyncio\.)?(?:Event|Task|Future|AbstractEventLoop|Condition)\b")


def _declaration(model: ProjectModel, path: str, line: int) -> str:
    """The declaration starting at `line`, joined over the lines its brackets span
    (`self._by_pool: defaultdict[\n    UUID, list[Connection]\n] = defaultdict(list)`)."""
    text = model.line_text(path, line)
    for extra in range(1, 8):
        if text.count("[") + text.count("(") <= text.count("]") + text.count(")"):
            break
        text += " " + model.line_text(path, line + extra).strip()
    return text


def declares_connection_class(model: ProjectModel, text: str) -> bool:
    """The declaration's type (left of `=`) names a project class built around a connection
    (`dict[int, FeedClient]` whose `__init__` takes a `WebSocket`)."""
    wrappers = _connection_classes(model)
    return any(name in wrappers for name in TYPE_NAME.findall(text.split("=", 1)[0]))


TYPE_NAME = re.compile(r"\b([A-Z]\w*)\b")  # the class names in a declaration's type


def _connection_classes(model: ProjectModel) -> set[str]:
    """Names of project classes whose constructor takes a socket, queue or subscription (indexed once per run)."""
    def build() -> set[str]:
        found = {func.class_name.rsplit(".", 1)[-1] for _facts, func in model.functions.values()
                 if func.name == "__init__" and func.class_name
                 and any(_CONNECTIONS.search(p.annotation or "") for p in func.params)}
        # a dataclass holding a socket (`websocket: WebSocket`)
        return found | {cls.name for _facts, cls in model.classes.values()
                        if any(_CONNECTIONS.search(text or "") for text in cls.annotations.values())}
    return model.memo("scalability.connection_classes", build)


def _lazy_client(model: ProjectModel, state: InstanceState) -> bool:
    """Every write sets the attribute to a new client, session or pool (`self._session =
    aiohttp.ClientSession(...)` on first use), or an object built from configuration alone, or
    clears it on close (`self.db = None`): a handle made lazily, not request data."""
    built = False
    for fq, line in state.writes:
        func = model.functions[fq][1]
        value = func.self_attrs.get(state.attr)
        if _scalar_writes(func, state.attr, line) == {None}:
            continue
        if not (isinstance(value, dict) and value.get("line") == line
                and (client_spec(str(value.get("call", ""))) or resource_built(func, value))):
            return False
        built = True
    return built


def _scalar_writes(func, attr: str, line: int) -> set:
    """The literal values (`True`, `False`, `None`) stored into `self.<attr>` on `line`, with
    "other" for any other write there (a mutator call, an expression)."""
    stores = [s for s in func.extra.get("stores", ()) if s["line"] == line and s["target"] == f"self.{attr}"]
    return {s.get("scalar", "other") for s in stores} or {"other"}


def _lifecycle_flag(model: ProjectModel, state: InstanceState) -> bool:
    """`self._listening = True` / `= False` and nothing else, tested by the object's own loop
    (`while self._listening:`): the run flag of its background task, telling it when to stop,
    which belongs to this process's task and is not request data."""
    if not all(_scalar_writes(model.functions[fq][1], state.attr, line) <= {True, False}
               for fq, line in state.writes):
        return False
    tested = {"ref": f"self.{state.attr}"}
    return any(loop.get("kind") == "while" and loop.get("iter") == tested
               for fq in state.readers for loop in model.functions[fq][1].extra.get("loops", {}).values())


def _counter(model: ProjectModel, state: InstanceState) -> bool:
    """Only ever incremented (`self.sent += 1`): a per-process statistic, not request data."""
    for fq, line in state.writes:
        stores = model.functions[fq][1].extra.get("stores", ())
        if not any(s["line"] == line and s["kind"] == "aug" and not s["item"] for s in stores):
            return False
    return True
