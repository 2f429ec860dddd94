"""Remote dependencies as the resilience rules report them: calls grouped per service (and
sibling implementations of one interface grouped together), with the entry points that
reach them and whether a failure is handled on the way."""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cached_property
from typing import TYPE_CHECKING, Callable, Iterator

from ...findings import Location
from ...knowledge.auth import single_use_grant
from ...knowledge.identifiers import MINTED_IDS
from ...knowledge.responses import answered_status
from ...model.app import EntryPoint
from ...model.resilience import Dependency, analysis
from ...model.resilience import blocks as blk
from ...model.resilience.calls import ExternalCall, catches, catching_handlers, handled_here
from ...model.resilience.guards import resolved_name
from ...model.resilience.clients import binding_of
from ...model.app import is_test_path
from ...model.overrides import with_dispatching_bases
from ...model.resilience.runtime import entries_reaching, overrides_of, spawned_sites, spawns
from ...model.resilience.triggers import queue_workers, worker_reach
from ._helpers import helper_targets

if TYPE_CHECKING:
    from ...model.project import Edge, ProjectModel

IDEMPOTENT = frozenset({"get", "head", "options", "put", "delete", "urlopen"})
REQUEST_KINDS = ("http", "websocket")


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


def request_entries(model: "ProjectModel", calls: list[ExternalCall]) -> list[tuple[EntryPoint, list["Edge"]]]:
    return [(e, c) for e, c in entries_reaching(model, {c.fq for c in calls}, limit=50) if e.kind in REQUEST_KINDS]


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


def unhandled_entries(model: "ProjectModel", calls: list[ExternalCall]) -> list[tuple[EntryPoint, list["Edge"]]]:
    """Request entry points that reach one of the calls with no handler on the way that catches
    the library's errors and goes on."""
    seeds = {c.fq for c in calls if not c.handled}
    if not seeds:
        return []
    seeds = with_dispatching_bases(model, seeds)
    library = calls[0].library

    handed_off = spawned_sites(model)

    def follow(edge: "Edge") -> bool:
        if id(edge.site) in handed_off:
            return False  # a coroutine handed to create_task: the request does not wait for it
        return not caught_at(model, edge, library)

    chains = model.reach({fq: None for fq in seeds}, follow)
    # a command an endpoint looks up in a registry is linked without the dispatcher's call of it:
    # whether the dispatcher catches its failure (and answers with an error message) is not followed
    entries = {e.function: e for e in model.app.entrypoints if e.kind in REQUEST_KINDS and not e.details.get("command")}
    out = [(entries[fq], chain) for fq, chain in sorted(chains.items()) if fq in entries]
    return sorted(out, key=lambda item: (item[0].route or item[0].name, item[0].path))


def caught_at(model: "ProjectModel", edge: "Edge", library: str) -> bool:
    """The call site sits in a `try` whose handler catches the library's errors and goes on; not one
    that only answers the request with an error response (`except Exception as exc: return
    JSONResponse({"detail": str(exc)}, status_code=400)`): the request fails there all the same."""
    facts, func = model.functions[edge.caller]
    tracer = analysis(model).tracer
    if not handled_here(tracer, facts, func, edge.site, library):
        return False
    return not all(_answers_error(func, handler) for block, handler in
                   catching_handlers(tracer, facts, func, edge.site.line, library) if block.get("handled"))


_RESPONSES = ("Response", "json_response")


def _answers_error(func, handler: dict) -> bool:
    """Every `return` of the handler answers a response built with a 4xx/5xx status."""
    returns = [line for line in func.extra.get("return_lines", ()) if handler["line"] < line <= handler["end"]]
    return _returns_answer(func, returns, lambda status: 400 <= (status or 0) < 600)


def _returns_answer(func, lines, status_ok) -> bool:
    """There are `return`s at `lines`, and each answers a response (`JSONResponse(...)`,
    `json_response(...)`) whose status `status_ok` accepts."""
    return bool(lines) and all(any(site.line <= line <= site.end_line and site.name.endswith(_RESPONSES)
                                   and status_ok(answered_status(site)) for site in func.calls)
                               for line in lines)


def values_gather(func, line: int):
    """The `gather(..., return_exceptions=True)` whose arguments hold `line`, if any: the failures
    of the calls in it come back as values, they do not propagate."""
    return next((s for s in func.calls if (s.func or ())[-1:] == ("gather",)
                 and s.kwargs.get("return_exceptions") is True and s.line <= line <= s.end_line), None)


def reported_entries(model: "ProjectModel", group: Group, calls: list[ExternalCall]) -> list:
    """The request entries, with their chains, from which a failure of `calls` escapes unhandled. An
    entry whose chain runs into a translation of the failure (`except aiohttp.ClientError: raise
    HoldFailed`, caught above) is asked again per call: another call of the same service made on
    its way, outside that `try`, still escapes."""
    entries = unhandled_entries(model, calls)
    kept = _untranslated(model, entries, group.library)
    dropped = {e.function for e, _c in entries} - {e.function for e, _c in kept}
    for call in calls if dropped and len(calls) > 1 else ():
        for entry, chain in _untranslated(model, unhandled_entries(model, [call]), group.library):
            if entry.function in dropped:
                dropped.discard(entry.function)
                kept.append((entry, chain))
    return sorted(kept, key=lambda item: (item[0].route or item[0].name, item[0].path))


def _untranslated(model, entries: list, library: str) -> list:
    """The request chains on which no caller catches the project exception the client raises
    for the dependency's failure (`except MarketUnavailable:` around a client method that turns
    `aiohttp.ClientError` into it in its handler): there the failure is handled under the
    project's name."""
    return [(entry, chain) for entry, chain in entries
            if not any(_catches_on_chain(model, chain, k, library) for k in range(len(chain)))]


def _catches_on_chain(model: "ProjectModel", chain: list["Edge"], k: int, library: str) -> bool:
    """The call site of `chain[k]` sits in a `try` whose handler catches a project exception raised
    in place of the library's errors on this very chain: in a handler whose `try` holds the chain's
    next call in a function it passes through, or anywhere below in the function making the call.
    A translation guarding another call of a function on the way (`except httpx.HTTPError: raise
    CheckoutFailed(...)` around the payment call, not the rate lookup before it) does not count."""
    callee = model.callee_function(chain[k].target)
    if callee not in model.functions:
        return False
    last = model.callee_function(chain[-1].target)
    raised = set(raised_below(model, last, within=library)) if last in model.functions else set()
    for edge in chain[k + 1:]:
        raised |= _raised_around(model, edge, library)
    return bool(raised) and catches_named(model, chain[k], frozenset(raised))


def _raised_around(model: "ProjectModel", edge: "Edge", library: str) -> set[str]:
    """Project exceptions raised in a handler of the library's errors whose `try` holds the edge's call."""
    facts, func = model.functions[edge.caller]
    tracer = analysis(model).tracer
    handlers = [h for block in blk.enclosing(func, edge.site.line, "try") for h in blk.handlers_of(func, block["line"])
                if catches(tracer, facts, func, h.get("types") or [], library)]
    return {name for name, line in _raises(model, facts, func, builtins=True) if any(blk.inside(h, line)
                                                                                    for h in handlers)}


def catches_raised(model, edge, target: str, within: str = "") -> bool:
    """The call site sits in a `try` whose handler catches an exception of the project that the
    called function raises on its way to the dependency (`except (UpstreamError,
    CircuitOpenError):` around a client whose helper and breaker raise them): the project's
    translation of the dependency's failure, answered with a degraded result (which may still
    re-raise when it has nothing to serve). With `within` a library, only the exceptions raised
    in a handler of its errors count (see `raised_below`)."""
    return catches_named(model, edge, raised_below(model, target, within=within))


def raised_by_client(model: "ProjectModel", group: Group) -> frozenset[str]:
    """Project exception classes raised by the functions that make the group's calls: the
    dependency's failure under the project's name (`if resp.status_code >= 500: raise
    UpstreamError(...)` next to the request). Memoised per group."""
    def build() -> frozenset[str]:
        fqs = {c.fq for c in group.calls if c.fq in model.functions}
        return frozenset(name for fq in fqs for name in _raised_in(model, fq, ""))
    return model.memo(f"resilience.raised_by_client:{id(group)}", build)


def catches_named(model: "ProjectModel", edge: "Edge", raised: frozenset[str]) -> bool:
    """The call site sits in a `try` with a handler naming one of the exception classes `raised`,
    or in a `with suppress(...)` naming one (`with suppress(FileNotFoundError):` around a helper
    that turns the client's error into it, then an answer after the block)."""
    if not raised:
        return False
    facts, func = model.functions[edge.caller]
    handlers = [h for block in blk.enclosing(func, edge.site.line, "try")
                for h in blk.handlers_of(func, block["line"]) if h.get("types")]
    names = [t for h in handlers for t in h["types"]]
    names += [t for block in blk.enclosing(func, edge.site.line, "with") for t in blk.suppressed_types(func, block)]
    return any(resolved_name(model, facts, func, t) in raised for t in names)


def raised_below(model: "ProjectModel", target: str, depth: int = 3, within: str = "") -> frozenset[str]:
    """Project exception classes raised in `target` or the project functions it calls (and the
    helpers it hands to a wrapper), a few calls deep; with `within` a library, only those raised
    in a handler of that library's errors (its failure translated). Memoised per run (asked for
    every hop of every request chain). With `within`, a builtin error raised there counts too
    (`except Exception as e: raise ValueError(f"run failed: {e}")`): the caller catching
    `ValueError` handles the dependency's failure under that name."""
    return model.memo(f"resilience.raised_below:{target}:{depth}:{within}",
                      lambda: frozenset(_raised_below(model, target, depth, within)))


def _raised_below(model: "ProjectModel", target: str, depth: int, within: str) -> set[str]:
    ways = helper_targets(model)
    seen, frontier, out = {target}, [target], set()
    for _ in range(depth):
        following = []
        for fq in frontier:
            out.update(_raised_in(model, fq, within))
            callees = [model.callee_function(e.target) for e in model.edges.get(fq, ())] + ways.get(fq, [])
            following += [c for c in callees if c and c not in seen and c in model.functions]
            seen.update(following)
        frontier = following
    return out


def _raised_in(model: "ProjectModel", fq: str, within: str) -> Iterator[str]:
    """The project exception classes `fq` raises itself (with `within`, in a handler of that
    library's errors, where a builtin error counts too: a translation, `except Exception: raise
    ValueError(...)`)."""
    facts, func = model.functions[fq]
    for name, line in _raises(model, facts, func, builtins=bool(within)):
        if not within or _in_handler_of(model, facts, func, line, within):
            yield name


def _raises(model: "ProjectModel", facts, func, builtins: bool) -> Iterator[tuple[str, int]]:
    """(class, line) of each `raise` of a project exception class in `func` (or a builtin one)."""
    for block in blk.blocks(func, "raise"):
        exc = (block.get("exc") or "").split("(", 1)[0]
        name = resolved_name(model, facts, func, exc) if exc else ""
        if name in model.classes or builtins and name.startswith("builtins."):
            yield name, block["line"]


def _in_handler_of(model, facts, func, line: int, library: str) -> bool:
    """`line` sits in an `except` clause that catches the library's errors."""
    tracer = analysis(model).tracer
    return any(blk.inside(h, line) and catches(tracer, facts, func, h.get("types") or [], library)
               for h in blk.blocks(func, "except"))


def global_handler(model: "ProjectModel", library: str) -> str:
    """An app-wide exception handler that turns the library's errors (or all errors) into a response."""
    tracer = analysis(model).tracer
    for entry in model.app.of_kind("exception-handler"):
        written = entry.details.get("exception", "")
        if not written:
            continue
        facts, func = model.functions.get(entry.function, (None, None))
        if facts is None:
            continue
        if catches(tracer, facts, func, [written], library) and not _answers_internal_error(func):
            return entry.name
    return ""


def _answers_internal_error(func) -> bool:
    """Every `return` of an exception handler answers a 500 (`return JSONResponse({"detail":
    "internal error"}, status_code=500)`): the catch-all that logs and reports a server error is
    no fallback, the client gets the same 500 it would without it."""
    return _returns_answer(func, func.extra.get("return_lines", ()), lambda status: status == 500)


LIBRARY_ERRORS = {"httpx": "httpx.HTTPError", "requests": "requests.RequestException",
                  "aiohttp": "aiohttp.ClientError", "urllib": "urllib.error.URLError"}
TRANSIENT_ERRORS = {"httpx": "httpx.TransportError", "requests": "requests.ConnectionError",
                    "aiohttp": "aiohttp.ClientConnectionError", "urllib": "urllib.error.URLError"}


def example_function(calls: list[ExternalCall]) -> tuple[str, bool]:
    """The name of the first calling function and whether it is a coroutine."""
    first = calls[0]
    return first.func.name, first.func.is_async


@dataclass
class QueueUse:
    """A remote call made by a worker that takes items from an in-process queue."""

    worker: str  # the worker function
    channel: dict  # the queue (model.app.channels entry)
    call: ExternalCall


def queue_uses(model: "ProjectModel", calls: list[ExternalCall]) -> list[QueueUse]:
    """The calls that workers consuming an in-process queue make for each item, when the
    worker never puts an item back: a failure loses the item, and a slow call holds up every
    item queued behind it."""
    out = []
    for worker, channels in sorted(queue_workers(model).items()):
        reached = worker_reach(model, worker)
        if any(use["function"] in reached for channel in channels for use in channel.get("producers", ())):
            continue  # it re-queues what failed
        out += [QueueUse(worker, channels[0], call) for call in calls if call.fq in reached]
    return out


# job queues that run a job once unless the job asks again (arq `Retry`) or a retry policy is
# configured (RQ `Retry`): a plain exception fails the job for good
_ONE_SHOT_JOBS = frozenset({"arq", "rq"})
_RETRY_REQUEST = frozenset({"Retry", "arq.Retry", "arq.worker.Retry"})


def detached_uses(model: "ProjectModel", calls: list[ExternalCall]) -> list[tuple[ExternalCall, EntryPoint]]:
    """HTTP calls made by detached one-shot work: a task spawned with `create_task` (or handed to
    background tasks) by code that goes on without it, or an arq/RQ job run on demand, when the
    call sends something (a write, not a read). Nothing
    retries that work or puts it back: when the call fails, the task dies with the error and the
    work (a receipt, a webhook) is lost. Scheduled jobs are left out (the next run does the work
    again), as are jobs that ask the queue to run them again and work that catches the failure
    on the way and goes on (it chose to give up)."""
    sending = [c for c in calls if c.kind == "http-client" and not c.handled and _sends(c)]
    entries = [e for e in model.app.of_kind("task", "job") if _one_shot(e) and not is_test_path(e.path)]
    if not sending or not entries:
        return []
    library = sending[0].library
    # where the failure travels uncaught: a caller that catches it and goes on chose to give up
    uncaught = model.reach({c.fq: None for c in sending}, lambda edge: not caught_at(model, edge, library))
    out = []
    for entry in entries:
        if entry.function not in uncaught:
            continue
        reached = worker_reach(model, entry.function)
        if entry.kind == "job" and _requests_retry(model, reached):
            continue
        out += [(c, entry) for c in sending if c.fq in reached]
    return out


def _sends(call: ExternalCall) -> bool:
    """The call delivers something (a write): a failed read in detached work (a cache refresh) loses
    nothing the next run does not fetch again."""
    return call.method not in ("get", "head", "options") and not call.operation.endswith(".get")


def _one_shot(entry: EntryPoint) -> bool:
    details = entry.details
    if entry.kind == "task":
        return not details.get("at_startup") and not details.get("loop")
    return details.get("framework") in _ONE_SHOT_JOBS and not details.get("schedule") and not details.get("trigger")


def _requests_retry(model: "ProjectModel", reached: set[str]) -> bool:
    return any(b["kind"] == "raise" and b.get("exc", "").split("(")[0] in _RETRY_REQUEST
               for fq in reached for b in model.functions[fq][1].extra.get("blocks", ()))


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


_IDEMPOTENCY_HEADER = re.compile(r"^idempotency[-_]key$", re.I)


# the last path segment of a POST that only computes an answer (a ranking, a search, a
# prediction) and changes nothing: POST only because the question is too big for a query string
_READ_ONLY_POST = re.compile(
    r"(?:^|[/:])(?:_?search|_msearch|_count|query|rank|rerank|score|predict|classify|recommend(?:ations)?"
    r"|embed(?:dings)?|lookups?|estimates?|preview|simulate"
    r"|solve|optimi[sz]e|matrix|directions|isochrones?)/?$", re.I)


def read_only_post(call: ExternalCall) -> bool:
    """A POST to an endpoint named for a read (`/v1/rank`, `/_search`, `/models/x:predict`)."""
    if call.method != "post" or not call.site.args:
        return False
    url = call.site.args[0]
    text = url.get("fstring", "") if isinstance(url, dict) else url if isinstance(url, str) else ""
    return bool(text) and bool(_READ_ONLY_POST.search(text.split("?", 1)[0]))


def fetches(call: ExternalCall) -> bool:
    """A call that fetches data (GET, a POST to a search endpoint): a degraded answer (a cached
    copy, the page without that panel) exists for it, while a failed write can only be reported."""
    return call.method in ("get", "head") or read_only_post(call)


def retry_safe(call: ExternalCall) -> bool:
    """An idempotent method, a request that sends an idempotency key, or a POST that only reads
    (safe to send again). A call lifted out of a shared request helper (`_helpers`) is judged by
    its verb and by the headers and body the helper itself sends (`headers={"Idempotency-Key": key}`)."""
    if call.method in IDEMPOTENT or call.operation.endswith(".get") or read_only_post(call):
        return True
    inner = call.details.get("helper_call")
    if inner is not None and _keyed(inner):
        return True
    return _keyed(call)


def _keyed(call: ExternalCall) -> bool:
    """The request carries an idempotency key header, or a dedupe field derived from the item sent."""
    if any(isinstance(key, str) and _IDEMPOTENCY_HEADER.match(key) for key, _value in _dict_items(call, "headers")):
        return True
    return any(isinstance(key, str) and _DEDUPE_FIELD.match(key) and _stable(value)
               for kw in _BODY_KWARGS for key, value in _dict_items(call, kw))


# a request body field the receiver deduplicates on (Stripe-style `idempotency_key`, an
# `external_ref` or `client_reference` naming the caller's own record): sent again, the same
# request is recognised instead of applied twice
_DEDUPE_FIELD = re.compile(
    r"^(?:idempotency_?key|dedupe?_?key|deduplication_?id|external_?(?:ref|reference|id)"
    r"|client_?(?:ref|reference|request_?id)|request_?id)$", re.I)
_BODY_KWARGS = ("json", "data")
# values that change on every attempt, so a resend carries a new key and is not deduplicated
_FRESH_VALUES = MINTED_IDS | {"time", "time_ns", "now", "utcnow", "random", "randint", "monotonic"}


def fresh_dedupe_key(call: ExternalCall) -> bool:
    """The body carries a dedupe field minted per attempt (`"request_id": uuid4().hex`): each send
    is made distinct on purpose, so a retry would be applied twice."""
    return any(isinstance(key, str) and _DEDUPE_FIELD.match(key) and not _stable(value)
               for kw in _BODY_KWARGS for key, value in _dict_items(call, kw))


def single_use_request(call: ExternalCall) -> bool:
    """The request's body spends a single-use credential (an OAuth authorization code): never sent twice."""
    return any(single_use_grant(_dict_items(call, kw)) for kw in _BODY_KWARGS)


def _dict_items(call: ExternalCall, kwarg: str) -> list:
    value = call.site.kwargs.get(kwarg)
    if isinstance(value, dict) and isinstance(value.get("ref"), str) and "." not in value["ref"]:
        value = call.func.local_types.get(value["ref"])  # `headers = {...}; post(..., headers=headers)`
    return value.get("items", []) if isinstance(value, dict) and value.get("literal") == "dict" else []


def _stable(value: object) -> bool:
    """The key is derived from the item sent (`str(report.id)`, a field), not minted per attempt."""
    if not isinstance(value, dict):
        return value is not None
    return (value.get("call") or "").rsplit(".", 1)[-1] not in _FRESH_VALUES


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
