"""RA401 missing-timeout: a client or pool configured with no limit on waiting for the remote side."""
from __future__ import annotations

import re
from typing import Iterator

from ...findings import Finding, Location
from ...knowledge import clients as lib
from ...model.project import ProjectModel
from ...model.resilience import analysis
from ...model.resilience.clients import Client
from ...model.resilience.guards import resolved_name
from ...model.app import is_test_path
from ...model.resilience.runtime import short
from ..api import ProjectContext, Rule, register
from ._code import indent, with_keyword

# Phases whose library default is "no limit" and worth a finding when left unset:
# library -> (phase, keyword to add, example value, severity).
_DEFAULT_UNBOUNDED = {
    "redis": ("socket", "socket_timeout", "5", "HIGH"),
    "aioredis": ("socket", "socket_timeout", "5", "HIGH"),
    "asyncpg": ("command", "command_timeout", "30", "LOW"),
}
_EXAMPLE = {
    "httpx": "httpx.Timeout(30.0, connect=5.0)",
    "aiohttp": "aiohttp.ClientTimeout(total=30, sock_connect=5)",
    "sqlalchemy": "30",
}
_MAX_RELATED = 12
# Methods on a client that do not wait on the server (or only close it).
_NOT_IO = frozenset({"close", "aclose", "disconnect", "pubsub", "pipeline", "lock", "transaction", "release",
                     "terminate", "set_type_codec", "get_size", "get_idle_size", "get_min_size", "get_max_size",
                     "expire_connections", "raise_for_status", "json"})
# Calls that open or read a redis subscription.
_PUBSUB_CALLS = frozenset({"pubsub", "listen", "subscribe", "psubscribe"})


@register
class ClientWithoutTimeout(Rule):
    """A client or pool whose calls can wait for ever (or for the library's very long default).

    What it finds:
        HTTP clients created with `timeout=None` (httpx) or an aiohttp ClientSession relying on
        the 300 s default total timeout, redis clients without `socket_timeout` (redis-py waits
        without limit), SQLAlchemy engines with `pool_timeout=None`, and asyncpg pools without
        `command_timeout` (a statement may run for ever). The effective value is followed through
        variables, settings and timeout objects (`timeout = aiohttp.ClientTimeout(total=10)`);
        clients whose every call passes its own timeout or runs where every caller waits with one
        (`wait_for(self.check(), timeout=60)` on the only path), values hidden in `**kwargs` and
        `create_pool(timeout=...)` read as a statement limit (it is the connect timeout) are
        not reported, nor a single asyncpg connection (not a pool) opened with an explicit
        connect `timeout=`: nothing queues behind it, so a long statement holds only its caller. Calls are traced to their client through attributes set lazily in any
        method (`if self._session is None: self._session = aiohttp.ClientSession(...)`), through
        properties that return it, and through `**kwargs` wrappers whose callers never pass
        `timeout=`. An aiohttp session that only opens websockets (`ws_connect`) needs no total
        limit and is not reported, nor an engine over a database file on the local disk (a
        `sqlite` URL, or `creator=`/`async_creator=` built by a project function that opens
        SQLite connections): with no remote side, a disabled pool wait only queues writers.

    Why it matters:
        A dependency that stops answering without closing the connection (a full network
        buffer, a stuck server, a dropped packet on a long-lived connection) keeps the caller
        waiting: the request, the worker loop and the pooled connection it holds are stuck, and
        under load they pile up until the process stops serving.

    Example:
        self._history_client = httpx.AsyncClient(base_url=self._base_url, timeout=None)

    Instead:
        Give every client an explicit bound that fits the dependency, and override it per call
        where one operation is known to be slow:

            self._history_client = httpx.AsyncClient(base_url=self._base_url,
                                                     timeout=httpx.Timeout(30.0, connect=5.0))
    """

    id = "RA401"
    name = "client-without-timeout"
    category = "missing-timeout"
    severity = "HIGH"
    scope = "project"
    base_effort = 0.5
    effort_per_location = 0.1

    def check(self, ctx: ProjectContext) -> Iterator[Finding]:
        res = analysis(ctx.model)
        ctx.examine("clients and pools", len(res.clients))
        ctx.examine("pools", sum(1 for c in res.clients if c.spec.kind in ("database", "cache")))
        twins = _branch_twins(res.clients)
        for client in res.clients:
            if is_test_path(client.facts.path) or id(client) in twins:
                continue
            finding = self._explicit_none(ctx, client) or self._default(ctx, client)
            if finding is not None:
                finding.related_locations.extend(
                    Location(t.facts.path, t.site.line, t.site.end_line, f"`{t.factory}(...)` also created here")
                    for t, used in twins.values() if used is client)
                yield finding

    # ----- explicit None / aiohttp default ------------------------------------------------------
    def _explicit_none(self, ctx: ProjectContext, client: Client) -> Finding | None:
        disabled = [t for t in client.timeouts.values() if t.present and t.effective is None]
        library = client.spec.library
        aiohttp_default = library == "aiohttp" and not any(t.present for t in client.timeouts.values())
        if not disabled and not aiohttp_default or _subscriber(client, disabled) or _websockets_only(client) \
                or _local_file(ctx.model, client):
            return None
        inheriting = [u for u in client.users if not _own_timeout(u) and not _caller_deadline(u)]
        if client.users and not inheriting:
            return None  # every call passes its own limit, or every caller waits with one (`wait_for`)
        example = _EXAMPLE.get(library, "10")
        if disabled:
            return self._finding(ctx, client, _disabled_text(disabled[0], ctx.model, client), disabled[0].kwarg, example,
                                 self.severity, inheriting)
        if not inheriting:
            return None  # no call traced to it: nothing proves the default is relied on
        return self._finding(ctx, client, "relies on aiohttp's default total timeout of 300 s (5 minutes)",
                             "timeout", example, "MEDIUM", inheriting)

    # ----- library defaults of None ------------------------------------------------------------
    def _default(self, ctx: ProjectContext, client: Client) -> Finding | None:
        rule = _DEFAULT_UNBOUNDED.get(client.spec.library)
        if rule is None or client.site.star_args or "connection_pool" in client.site.kwargs:
            return None
        phase, keyword, example, severity = rule
        timeout = client.timeouts.get(phase)
        if timeout is None or timeout.present or timeout.effective is not None or _probed_subscriber(client):
            return None
        url = next((a for a in client.site.args if isinstance(a, str)), "")
        if keyword in url:
            return None  # set in the URL's query string
        if client.factory.endswith(("master_for", "slave_for")) and _sentinel_sets(client.facts, keyword):
            return None  # `Sentinel(..., socket_timeout=2)`: master_for/slave_for inherit the Sentinel's keywords
        if _private_connection_bounded(client):
            return None
        if client.spec.library == "asyncpg":
            what = ("has no `command_timeout`: a statement that blocks (a lock wait, a runaway query) holds its "
                    "connection for as long as it runs" + _connect_note(client))
        else:
            what = (f"has no `{keyword}` ({_redis_connect_note(client)}): redis-py waits without limit for a "
                    "reply, so a stalled server blocks every caller")
        return self._finding(ctx, client, what, keyword, example, severity, [])

    def _finding(self, ctx: ProjectContext, client: Client, what: str, keyword: str, example: str,
                 severity: str, inheriting: list) -> Finding:
        model = ctx.model
        uses = _uses(model, client, inheriting)
        primary, created = _cited(model, client, keyword, _disables(what))
        related = created + [Location(path, line, end, note) for path, line, end, note in uses[:_MAX_RELATED]]
        count = len(uses)
        used_by = sorted({note.split(" in ", 1)[-1] for *_rest, note in uses})
        title = f"{client.factory} in {short(client.function_fq)} {_title_tail(what)}"
        description = (
            f"The {client.spec.kind} created by `{client.factory}` in `{short(client.function_fq)}` "
            f"({client.facts.path}:{client.site.line}{_talking_to(client)}) {what}. "
            + (f"{count} call site{'s use' if count != 1 else ' uses'} it"
               + (f" ({', '.join(used_by[:6])}{', ...' if len(used_by) > 6 else ''})" if used_by else "")
               + (" and inherit this." if count != 1 else " and inherits this.") if count else "")
        )
        snippet = with_keyword(model, client.facts.path, client.site, keyword, example)
        if keyword == "socket_timeout" and "socket_connect_timeout" not in client.site.kwargs:
            snippet = snippet.replace(f"{keyword}={example}", f"{keyword}={example}, socket_connect_timeout=2", 1)
        recommendation = (
            f"Set `{keyword}` explicitly where the client is created, sized for this dependency:\n\n"
            f"{indent(snippet)}\n\n"
            "Calls that are legitimately slower can pass their own, larger limit; keep an upper bound "
            "everywhere so a stalled dependency cannot hold callers for ever."
            + (_PUBSUB_NOTE if any(n.startswith("`listen()") or n.startswith("`pubsub()")
                                   for *_r, n in uses) or _has_pubsub(client) else "")
        )
        return self.finding(
            primary, title, description,
            recommendation=recommendation, severity=severity, related=related,
            extra={"factory": client.factory, "timeouts": {p: t.to_dict() for p, t in client.timeouts.items()},
                   "call_sites": count},
        )


def _branch_twins(clients: list[Client]) -> dict[int, tuple[Client, Client]]:
    """Constructors no call is traced to, each mapped to the one beside it in the same function
    that calls do use: the same client built in two branches (`if verify: Client(timeout=None,
    verify=verify) else: Client(timeout=None)`) is one problem, reported once at the used one."""
    out: dict[int, tuple[Client, Client]] = {}
    for client in clients:
        if client.users or client.func is None:
            continue
        used = [c for c in clients if c is not client and c.users and c.func is client.func
                and c.factory == client.factory and _same_setting(c, client)]
        if len(used) == 1:
            out[id(client)] = (client, used[0])
    return out


def _same_setting(a: Client, b: Client) -> bool:
    """Both constructors leave every phase with the same effective limit."""
    return {p: t.effective for p, t in a.timeouts.items()} == {p: t.effective for p, t in b.timeouts.items()}


def _subscriber(client: Client, disabled: list) -> bool:
    """A redis client whose read timeout is switched off on purpose for subscriptions: it only
    serves pub/sub, or it checks liveness with `health_check_interval` while waiting quietly."""
    if client.spec.kind != "cache" or any(t.phase != "socket" for t in disabled):
        return False
    if client.site.kwargs.get("health_check_interval") not in (None, 0):
        return True
    calls = [site.func[-1] for _fq, site in client.uses if site.func]
    return bool(calls) and all(c in _PUBSUB_CALLS or c in ("get_message", "close", "aclose") for c in calls)


def _probed_subscriber(client: Client) -> bool:
    """A redis client left without a read timeout on purpose, for idle subscriptions: TCP
    keepalives and `health_check_interval` detect a dead connection instead of a timeout that
    would cut a quiet subscriber."""
    kwargs = client.site.kwargs
    return client.spec.kind == "cache" and kwargs.get("socket_keepalive") is True \
        and kwargs.get("health_check_interval") not in (None, 0)


def _local_file(model: ProjectModel, client: Client) -> bool:
    """An engine over a database file on the local disk: a `sqlite` URL written in the call, or
    a connection factory (`creator=`/`async_creator=`, a project function building it) whose
    functions open SQLite connections. A disabled pool wait there queues writers behind one
    another on purpose; no remote side can stall it."""
    if client.spec.kind != "database":
        return False
    kwargs = client.site.kwargs
    url = kwargs.get("url", client.site.args[0] if client.site.args else None)
    if isinstance(url, str) and url.startswith(lib.LOCAL_FILE_URLS):
        return True
    creator = kwargs.get("async_creator") or kwargs.get("creator")
    if not isinstance(creator, dict) or not (creator.get("call") or creator.get("ref")):
        return False
    name = creator.get("call") or creator.get("ref")
    edge = next((e for e in model.edges.get(client.function_fq, ())
                 if e.site.name == name and e.target.kind == "function"), None)
    factory = edge.target.name if edge is not None else ""
    if not factory:
        return False
    inner = [factory, *model.nested_in(factory)]
    return any(e.target.kind == "external" and e.target.name.startswith(lib.LOCAL_FILE_DRIVERS)
               for fq in inner for e in model.edges.get(fq, ()))


def _websockets_only(client: Client) -> bool:
    """An aiohttp session that only opens websockets (`session.ws_connect(url, heartbeat=30)`): a
    total limit would cut the long-lived socket, and the heartbeat detects a dead peer."""
    calls = [site.func[-1] for _fq, site in client.uses if site.func]
    return client.spec.library == "aiohttp" and "ws_connect" in calls and \
        all(c in ("ws_connect", "close") for c in calls)


def _disabled_text(timeout, model: ProjectModel, client: Client) -> str:
    """`timeout=None` disables the limit; a timeout object without `total` leaves it unset."""
    written = timeout.written
    if written is None or written == "None":
        return f"is created with `{timeout.kwarg}=None`, which disables {_phase_text(timeout.phase)}"
    phases, bounded = _phase_text(timeout.phase), ""
    if isinstance(written, dict) and "call" in written:
        phases, bounded = _unset_phases(model, client, written) or (phases, "")
        written = f"{written['call']}(...)"
    elif isinstance(written, dict) and "ref" in written:
        written = written["ref"]  # `timeout=no_limit`, the object built a few lines up
    return f"is created with `{timeout.kwarg}={written}`, which leaves {phases} unset (no limit){bounded}"


def _unset_phases(model: ProjectModel, client: Client, written: dict) -> tuple[str, str] | None:
    """("the read, write and pool phases", ": only connect is bounded") for a timeout object written
    in the constructor that bounds some phases and not others (`httpx.Timeout(None, connect=10)`:
    connect is limited, every read may wait for ever); None when all are unset or it is not known."""
    func = client.func
    sites = func.calls if func is not None else client.facts.module_calls
    for site in sites:
        name = lib.canonical(resolved_name(model, client.facts, func, site.name))
        if site.line != written.get("line") or name not in lib.TIMEOUT_OBJECTS or site.star_args:
            continue
        phases = lib.expand_timeout_object(name, site.args, site.kwargs)
        bounded = [p for p, v in phases.items() if isinstance(v, float)]
        unset = [p for p, v in phases.items() if v is None]
        if bounded and unset:
            return (f"the {_listed(unset)} phase{'s' if len(unset) > 1 else ''}",
                    f": only {_listed(bounded)} {'is' if len(bounded) == 1 else 'are'} bounded")
    return None


def _listed(names: list[str]) -> str:
    return names[0] if len(names) == 1 else f"{', '.join(names[:-1])} and {names[-1]}"


def _own_timeout(call) -> bool:
    """The call passes a timeout of its own that is not None."""
    return not call.inherited and call.timeout is not None


def _caller_deadline(call) -> bool:
    """Every path to the call waits for it under a deadline (`wait_for(self.check(), 60)`). A
    request-timeout middleware does not count: it stops waiting for the response while the
    endpoint, and this call, keep running."""
    return bool(call.bounded_by) and not call.bounded_by.startswith("request timeout middleware")


def _uses(model: ProjectModel, client: Client, inheriting: list) -> list[tuple[str, int, int, str]]:
    """(path, line, end, note) of the calls that run on the client without their own limit."""
    if inheriting:
        return [(c.path, c.site.line, c.site.end_line, f"`{c.operation.rsplit('.', 1)[-1]}()` in {short(c.fq)}")
                for c in sorted(inheriting, key=lambda c: (c.path, c.site.line))]
    out = set()
    for fq, site in client.uses:
        method = site.func[-1] if site.func else site.name
        if method in _NOT_IO:
            continue
        out.add((model.functions[fq][0].path, site.line, site.end_line, f"`{method}()` in {short(fq)}"))
    return sorted(out)


def _talking_to(client: Client) -> str:
    """`, talking to <service>` when the service has a name of its own (not just the factory)."""
    return "" if client.name.startswith(client.factory) else f", talking to {client.name}"


def _sentinel_sets(facts, keyword: str) -> bool:
    """A `Sentinel(...)` built in this module passes `keyword` (or `**kwargs`) as a connection
    keyword, which every `master_for` client inherits (`sentinel_kwargs` only configures the
    connections to the sentinels themselves)."""
    sites = list(facts.module_calls)
    for func in facts.functions.values():
        sites.extend(func.calls)
    return any(site.func and site.func[-1] == "Sentinel" and (keyword in site.kwargs or site.star_args)
               for site in sites)


def _phase_text(phase: str) -> str:
    return {"all": "every phase (connect, read, write, pool)", "total": "the total limit",
            "socket": "the socket timeout", "acquire": "the wait for a pooled connection",
            "command": "the statement timeout"}.get(phase, f"the {phase} timeout")


def _private_connection_bounded(client: Client) -> bool:
    """A single asyncpg connection (not a pool) opened with an explicit connect `timeout=`: the
    author bounded the wait they cannot control, and nothing queues behind the connection, so a
    long statement holds only its own caller, not every request waiting on a shared pool."""
    connect = client.timeouts.get(lib.CONNECT)
    return (client.spec.library == "asyncpg" and client.spec.creates == "asyncpg.Connection"
            and connect is not None and connect.present and connect.effective is not None)


def _connect_note(client: Client) -> str:
    connect = client.timeouts.get(lib.CONNECT)
    if connect is not None and connect.present:
        factory = client.factory.rsplit(".", 1)[-1]
        return f" (`timeout={connect.written}` on `{factory}` is the connect timeout, not a statement limit)"
    return ""


def _redis_connect_note(client: Client) -> str:
    """Whether the redis client bounds connecting at least: `socket_connect_timeout=` given bounds the
    connect alone, so a reply on an open connection still waits without limit."""
    if "socket_connect_timeout" in client.site.kwargs:
        return "only `socket_connect_timeout`, which bounds connecting, not a reply"
    return "nor `socket_connect_timeout`"


def _disables(what: str) -> bool:
    return "=None" in what or "unset (no limit)" in what


def _title_tail(what: str) -> str:
    if _disables(what):
        return "has its timeout disabled"
    if "300 s" in what:
        return "relies on the 300 s default timeout"
    if "command_timeout" in what:
        return "has no command_timeout"
    return "has no socket timeout"


_PUBSUB_NOTE = (
    " This client also serves pub/sub: a subscriber that waits quietly would hit the socket timeout, so give "
    "`pubsub()` its own client without `socket_timeout` (or poll with `get_message(timeout=...)`) and keep "
    "the limit on the client that runs commands."
)


def _has_pubsub(client: Client) -> bool:
    return any(site.func and site.func[-1] in _PUBSUB_CALLS for _fq, site in client.uses)


def _cited(model: ProjectModel, client: Client, keyword: str, disables: bool) -> tuple[Location, list[Location]]:
    """Where the finding points, and the constructor named beside it when that is elsewhere: the
    later line of a multi-line constructor that writes the keyword turning the limit off
    (`timeout=None,` or `timeout=aiohttp.ClientTimeout(total=None),`) is the line to change, and so
    is the line building that object in a variable handed to the constructor (`timeout=timeout`)."""
    site, path = client.site, client.facts.path
    for line in range(site.line + 1, site.end_line + 1) if disables else ():
        if re.match(rf"\s*{keyword}\s*=", model.line_text(path, line)):
            return Location(path, line, line), [Location(path, site.line, site.end_line,
                                                         f"`{client.factory}(...)` created here")]
    built = [t.details["built_at"] for t in client.timeouts.values() if disables and "built_at" in t.details]
    if built:  # the timeout object turning the limit off is built in a variable first
        return Location(path, built[0], built[0]), [Location(path, site.line, site.end_line,
                                                             f"`{client.factory}(...)` created here")]
    return Location(path, site.line, site.end_line), []
