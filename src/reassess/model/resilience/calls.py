"""Calls to the outside (HTTP requests, pool acquires) with their effective timeout, the
client they run on, and whether a retry, a circuit breaker or a handler protects them;
grouped into dependencies (one per client, or per target address for one-shot calls)."""
from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from typing import Iterator

from ...facts.types import CallSite, FunctionFacts, ModuleFacts
from ...knowledge import clients as lib
from ...knowledge.exceptions import BROAD
from ...knowledge.retry import RETRY_KEYWORD_FACTORIES
from . import blocks as blk
from .clients import HIDDEN_KWARGS, Client, client_timeouts, resolve_timeout
from .guards import Guards, forwarders, handed_chain, resolved_name
from .trace import Tracer

REMOTE_KINDS = ("http-client", "websocket-client")
HTTP_OWNERS = frozenset({"httpx.AsyncClient", "httpx.Client", "aiohttp.ClientSession", "requests.Session",
                         "urllib3.PoolManager"})
# Exceptions that catch failures of each library besides its own hierarchy.
_BUILTIN_CATCHES = {
    "requests": ("OSError", "IOError", "ConnectionError", "TimeoutError"),
    "urllib": ("OSError", "IOError", "ConnectionError", "TimeoutError"),
    "aiohttp": ("OSError", "TimeoutError", "asyncio.TimeoutError", "ConnectionError"),
}
_URL_SUFFIX = re.compile(r"(_base_url|_api_url|_url|_uri|_endpoint|_host|_address|_addr|_base)$", re.I)


@dataclass
class ExternalCall:
    facts: ModuleFacts
    func: FunctionFacts
    fq: str
    site: CallSite
    operation: str  # canonical, e.g. "httpx.AsyncClient.get", "requests.post", "asyncpg.Pool.acquire"
    library: str
    kind: str  # the client kind: "http-client", "database", ...
    method: str
    client: Client | None = None
    timeout: lib.Seconds = lib.UNKNOWN  # effective seconds; None = no limit
    timeout_source: str = ""
    inherited: bool = False  # the effective timeout comes from the client, not from this call
    bounded_by: str = ""  # a wait_for/timeout block or caller that bounds it anyway
    retry: str = ""
    breaker: str = ""
    handled: bool = False  # a handler around the call catches the library's errors and goes on
    dependency: str = ""
    details: dict = field(default_factory=dict)

    @property
    def path(self) -> str:
        return self.facts.path

    @property
    def unbounded(self) -> bool:
        """No effective limit at all: no timeout and nothing around it that bounds it."""
        return self.timeout is None and not self.bounded_by

    def to_dict(self) -> dict:
        return {
            "path": self.path, "line": self.site.line, "function": self.fq, "operation": self.operation,
            "library": self.library, "dependency": self.dependency, "method": self.method,
            "client": f"{self.client.facts.path}:{self.client.site.line}" if self.client else "",
            "timeout": _timeout_text(self.timeout), "timeout_source": self.timeout_source,
            "inherited_from_client": self.inherited, "bounded_by": self.bounded_by, "retry": self.retry or "none",
            "breaker": self.breaker or "none",
            "handled_here": self.handled,
        }


def _covered(guards: Guards, fq: str, call: ExternalCall) -> str:
    """What bounds the function's calls from outside. A `wait_for(call_next(request))` in an
    `@app.middleware("http")` only stops waiting for the response: Starlette keeps running the
    endpoint in its own task, so a `pool.acquire()` with no timeout still waits for ever there."""
    why = guards.covered.get(fq, "")
    return "" if call.method == "acquire" and why.startswith("request timeout middleware") else why


def _timeout_text(value: lib.Seconds) -> str:
    return "set (not a literal)" if value == lib.UNKNOWN else lib.describe_seconds(value)


def collect(tracer: Tracer, guards: Guards, clients: list[Client]) -> list[ExternalCall]:
    model = tracer.model
    by_site = {c.key: c for c in clients}
    out: list[ExternalCall] = []
    forwarding = forwarders(model)
    for fq, edges in sorted(model.edges.items()):
        facts, func = model.functions[fq]
        for edge in edges:
            if edge.target.kind == "function" and edge.target.name in forwarding:
                call = _forwarded(tracer, facts, func, fq, edge.site, forwarding[edge.target.name], by_site, clients)
            elif edge.target.kind != "external" or edge.site.offloaded and not edge.site.func:
                continue
            else:
                call = _classify(tracer, facts, func, fq, edge.site, edge.target.name, by_site, clients)
            if call is None:
                continue
            call.bounded_by = guards.bounded_sites.get(id(edge.site)) or _covered(guards, fq, call)
            call.retry = guards.retried_sites.get(id(edge.site)) or guards.retried.get(fq, "") or _client_retry(
                tracer, call.client)
            call.breaker = guards.broken_sites.get(id(edge.site)) or guards.breakered.get(fq, "")
            call.handled = handled_here(tracer, facts, func, edge.site, call.library)
            # an unwritten timeout falls back to the process-wide default; `timeout=None` written
            # at the call makes that socket blocking whatever the default is
            if guards.socket_default and call.timeout is None and not timeout_written(call):
                _socket_default(call, guards.socket_default)
            out.append(call)
    return out


def _forwarded(tracer: Tracer, facts: ModuleFacts, func: FunctionFacts, fq: str, site: CallSite, index: int,
               by_site: dict, clients: list[Client]) -> ExternalCall | None:
    """`await self._breaker.call(self._http.delete, f"/shipments/{ref}")`: the client method handed
    to a forwarder runs with the arguments that follow it, as if called here."""
    chain = handed_chain(tracer.model, facts, func, site, index)  # through nested forwarders
    if not chain or "." not in chain[-1][0]:
        return None
    ref = chain[-1][0]
    index = next(n for n, arg in enumerate(site.args) if isinstance(arg, dict) and arg.get("ref") == ref)
    name = resolved_name(tracer.model, facts, func, ref)
    if not name or name in tracer.model.functions or lib.operation_spec(name) is None and lib.client_spec(name) is None:
        return None
    inner = replace(site, func=tuple(ref.split(".")), args=tuple(site.args[index + 1:]), callee_is_call="")
    return _classify(tracer, facts, func, fq, inner, name, by_site, clients)


def _classify(tracer: Tracer, facts: ModuleFacts, func: FunctionFacts, fq: str, site: CallSite, name: str,
              by_site: dict, clients: list[Client]) -> ExternalCall | None:
    spec = lib.client_spec(name)
    if spec is not None and spec.one_shot:
        call = ExternalCall(facts, func, fq, site, lib.canonical(name), spec.library, spec.kind, name.split(".")[-1])
        phase = _main_phase(client_timeouts(tracer, facts, func, site, spec))
        call.timeout = phase.effective if phase else lib.UNKNOWN
        call.timeout_source = _source(phase, f"{spec.library} default")
        call.dependency = one_shot_dependency(tracer, facts, func, site, spec)
        return call
    found = lib.operation_spec(name)
    if found is None:
        return None
    op, method = found
    client = receiver_client(tracer, facts, func, site, by_site, clients, op.owner)
    kind = client.spec.kind if client else ("http-client" if op.owner in HTTP_OWNERS else "database")
    call = ExternalCall(facts, func, fq, site, lib.canonical(name), op.owner.split(".")[0], kind, method, client)
    if kind == "database" and method != "acquire":
        return None  # statements are counted per pool, not listed one by one
    _operation_timeout(tracer, call, op)
    call.dependency = _sent_to(tracer, facts, func, site, client) or (client.name if client else (
        func.class_name.split(".")[-1] or f"{op.owner} calls in {facts.module.rsplit('.', 1)[-1]}"))
    if client is not None:
        client.users.append(call)
    return call


def _operation_timeout(tracer: Tracer, call: ExternalCall, op: lib.OperationSpec) -> None:
    """The per-call keyword when written (or when the method has its own default, like
    `pool.acquire()` waiting forever), else whatever the client was configured with."""
    if op.timeouts:
        written = resolve_timeout(tracer, call.facts, call.func, call.site, op.timeouts[0])
        if written.note == HIDDEN_KWARGS:  # a caller may pass its own through **kwargs
            call.timeout, call.timeout_source = lib.UNKNOWN, HIDDEN_KWARGS
            return
        if written.present or written.default != lib.INHERIT:
            call.timeout = written.effective
            call.timeout_source = _source(written, f"`{call.method}()` default")
            return
    if call.client is None:
        call.timeout, call.timeout_source = lib.UNKNOWN, "client not traced"
        return
    phase = _main_phase(call.client.timeouts)
    call.timeout = phase.effective if phase else lib.UNKNOWN
    call.timeout_source = _source(phase, "client default", client=call.client)
    call.inherited = True


def _main_phase(timeouts: dict[str, lib.EffectiveTimeout]) -> lib.EffectiveTimeout | None:
    for phase in ("all", "total", "read", "socket", "command", "acquire"):
        if phase in timeouts:
            return timeouts[phase]
    return None


def _socket_default(call: "ExternalCall", where: str) -> None:
    """A process-wide `socket.setdefaulttimeout` bounds a call that sets no timeout, unless its
    library overrides it with no limit (requests): noted either way, for the rule and its wording."""
    if call.library in lib.SOCKET_DEFAULT_LIBRARIES:
        call.details["socket_default"] = where
        call.bounded_by = call.bounded_by or f"process-wide socket.setdefaulttimeout at {where}"
    elif call.library in lib.SOCKET_DEFAULT_IGNORED:
        call.details["socket_default_ignored"] = where


def timeout_written(call: "ExternalCall") -> bool:
    """The timeout keyword is written at the call (`timeout=None` there makes the socket blocking).
    A method whose own default applies (`session.post()` on requests, quoted as "`post()` default")
    writes nothing: neither the process-wide socket default nor a wording about a passed `None` fits."""
    return call.timeout_source.endswith("written at the call")


def _source(timeout: lib.EffectiveTimeout | None, default: str, client: Client | None = None) -> str:
    if timeout is None:
        return "not known"
    if client is not None:
        how = f"`{timeout.kwarg}=`" if timeout.present else "the library default"
        return f"{how} of the client created at {client.facts.path}:{client.site.line}"
    if timeout.present:
        return f"`{timeout.kwarg}=` written at the call"
    return default


def receiver_client(tracer: Tracer, facts: ModuleFacts, func: FunctionFacts, site: CallSite, by_site: dict,
                    clients: list[Client], owner: str) -> Client | None:
    """The constructor call the receiver of `site` comes from (traced), else the only client
    of that type in the project."""
    if site.func and len(site.func) > 1 and site.func[0] != "()":
        for origin in tracer.ref_origins(facts, func, list(site.func[:-1]), 0):
            client = _origin_client(tracer, origin, by_site, through_accessor=True)
            if client is not None:
                return client
    elif site.func and site.func[0] == "()" and site.callee_is_call:
        client = _accessor_client(tracer, facts, func, site.callee_is_call, by_site)
        if client is not None:
            return client
    return _only_of_type(tracer, clients, owner)


def _only_of_type(tracer: Tracer, clients: list[Client], owner: str) -> Client | None:
    """The project's one client of the receiver's type (memoised per type on the tracer)."""
    cache = tracer.__dict__.setdefault("_same_type", {})
    if owner not in cache:
        cache[owner] = [c for c in clients if lib.canonical(c.spec.creates) in lib.family(owner) or
                        owner in lib.family(c.spec.creates)]
    same_type = cache[owner]
    return same_type[0] if len(same_type) == 1 else None


def _origin_client(tracer: Tracer, origin, by_site: dict, through_accessor: bool = False) -> Client | None:
    """The client built by the call a value was traced to; with `through_accessor`, also the
    client a project accessor hands out (`session = self._ensure_session()`)."""
    if origin.kind != "call" or origin.site is None or origin.facts is None:
        return None
    client = by_site.get((origin.facts.path, origin.site.line))
    if client is None and through_accessor and origin.func is not None and origin.site.func:
        client = _accessor_client(tracer, origin.facts, origin.func, origin.site.name, by_site)
    return client


def _accessor_client(tracer: Tracer, facts: ModuleFacts, func: FunctionFacts, accessor: str,
                     by_site: dict) -> Client | None:
    """`self._http().post(...)`: the client the project accessor returns (`return self._session`)."""
    found = tracer.model.resolver.type_of_chain(facts, func, tuple(accessor.split(".")))
    if found is None or found[0] != "function" or found[1] not in tracer.model.functions:
        return None
    inner_facts, inner = tracer.model.functions[found[1]]
    for value in inner.returns_values:
        for origin in tracer.origins(inner_facts, inner, value):
            client = _origin_client(tracer, origin, by_site)
            if client is not None:
                return client
    return None


def _client_retry(tracer: Tracer, client: Client | None) -> str:
    """A client that retries by itself: aiohttp_retry.RetryClient, an httpx transport with
    retries=, or a requests session with an HTTPAdapter(max_retries=...) mounted where it is made."""
    if client is None or client.func is None:
        return ""
    model = tracer.model
    for site in client.func.calls:
        name = lib.canonical(resolved_name(model, client.facts, client.func, site.name))
        if name in ("aiohttp_retry.RetryClient",) or name.startswith("urllib3") and name.endswith("Retry"):
            return f"`{site.name}` at {client.facts.path}:{site.line}"
        keyword = RETRY_KEYWORD_FACTORIES.get(name)
        if keyword and keyword in site.kwargs and site.kwargs[keyword] not in (0, None):
            return f"`{site.name}({keyword}=...)` at {client.facts.path}:{site.line}"
    return ""


def handled_here(tracer: Tracer, facts: ModuleFacts, func: FunctionFacts, site: CallSite, library: str) -> bool:
    """A try around the call has a handler that catches this library's failures and does not
    re-raise (a degraded path exists here)."""
    return any(block.get("handled") and (not blk.handler_reraises(func, handler) or blk.serves_fallback(func, handler))
               for block, handler in catching_handlers(tracer, facts, func, site.line, library))


def catching_handlers(tracer: Tracer, facts: ModuleFacts, func: FunctionFacts, line: int, library: str,
                      innermost_first: bool = False) -> Iterator[tuple[blk.Block, blk.Block]]:
    """(try block, handler) for each handler of a `try` around `line` that catches the library's
    errors, outermost `try` first (innermost first when asked), handlers in written order."""
    tries = blk.enclosing(func, line, "try")
    for block in reversed(tries) if innermost_first else tries:
        for handler in blk.handlers_of(func, block["line"]):
            if catches(tracer, facts, func, handler.get("types") or [], library):
                yield block, handler


def catches(tracer: Tracer, facts: ModuleFacts, func: FunctionFacts | None, types: list[str], library: str) -> bool:
    if not types:
        return True
    builtins_ok = _BUILTIN_CATCHES.get(library, ())
    for written in blk.caught_names(tracer.model, facts, types):
        if written in BROAD or written in builtins_ok:
            return True
        name = resolved_name(tracer.model, facts, func, written)
        if name.startswith("builtins."):
            name = name[len("builtins."):]
        if name in BROAD or name in builtins_ok or name.split(".")[0] == library:
            return True
    return False


# ----- dependency names -------------------------------------------------------------------------------
def one_shot_dependency(tracer: Tracer, facts: ModuleFacts, func: FunctionFacts, site: CallSite,
                        spec: lib.ClientSpec) -> str:
    url = None
    for key in spec.url_kwargs:
        if key in site.kwargs:
            url = site.kwargs[key]
    if url is None and spec.url_arg is not None and spec.url_arg < len(site.args):
        url = site.args[spec.url_arg]
    return url_name(tracer, facts, func, url) or f"{spec.library} calls in {facts.module.rsplit('.', 1)[-1]}"


def url_name(tracer: Tracer, facts: ModuleFacts, func: FunctionFacts | None, url: object, depth: int = 0) -> str:
    """A short name for the service an address points at: the host of a literal URL, or the
    setting it comes from (`settings.webhook_url` -> "webhook"), following plain assignments
    (`self._base_url = base_url or settings.ticker_service_url` -> "ticker_service")."""
    if depth > 4:
        return ""
    if isinstance(url, str):
        return _host(url)
    if not isinstance(url, dict):
        return ""
    if "fstring" in url:
        return _host(url["fstring"]) if not url["fstring"].startswith("{}") else ""
    if "plus" in url:  # `base_url + "/path"`: the address is the base's
        return url_name(tracer, facts, func, url["plus"], depth + 1)
    if "or" in url:
        names = [url_name(tracer, facts, func, item, depth + 1) for item in url["or"]]
        return next((n for n in names if n), "")
    if "ref" not in url:
        return ""
    chain = url["ref"].split(".")
    for origin in tracer.origins(facts, func, url):
        if origin.kind == "const" and isinstance(origin.value, str) and "://" in origin.value:
            return _host(origin.value)
    for bound_facts, bound_func, value in tracer.bound_values(facts, func, chain):
        name = url_name(tracer, bound_facts, bound_func, value, depth + 1)
        if name:
            return name
    last = chain[-1].lstrip("_")
    if last == "[]":
        return ""  # (an item of a mapping, `info["callback_url"]`: the key is not kept)
    if last.lower() in ("url", "base_url", "uri", "endpoint", "host", "dsn", "address"):
        return ""
    return _URL_SUFFIX.sub("", last).lower() or last.lower()


def _host(text: str) -> str:
    match = re.match(r"^[a-z][a-z0-9+.-]*://([^/:?{}]+)", text)
    return match.group(1) if match else ""


def _sent_to(tracer: Tracer, facts: ModuleFacts, func: FunctionFacts, site: CallSite, client: Client | None) -> str:
    """For a client with no base address made in the calling function itself (`async with
    AsyncClient() as c: await c.post(self.webhook_url)`), the name of the address the call sends
    to: that is the dependency, not the class that happens to hold the function."""
    if client is None or client.func is not func or _base_name(tracer, client):
        return ""
    url = _address_of(site)
    if isinstance(url, dict) and "." not in str(url.get("ref", ".")):
        return ""  # (a local or a parameter: the caller's address, not a service of its own)
    return url_name(tracer, facts, func, url)


def _address_of(site: CallSite) -> object:
    """The address argument of a request call (None when there is none)."""
    verb = site.func[-1] if site.func else ""
    at = 1 if verb in _VERB_FIRST else 0  # `client.request("POST", url)`: the address comes second
    return site.kwargs.get("url") or (site.args[at] if len(site.args) > at and verb != "send" else None)


def name_by_sends(tracer: Tracer, clients: list[Client]) -> None:
    """A client built with no base address and named after the class holding it (`aiohttp.
    ClientSession()` in `PlivoFrameSerializer`) talks to what its calls send to: when every call
    names one host (`endpoint = f"https://api.plivo.com/v1/..."`, even through a local), or one
    setting, that is the client's name and its calls' dependency."""
    for client in clients:
        if _base_name(tracer, client) or not client.users or client.name != _holder(client):
            continue
        named = {_host_sent_to(tracer, call) for call in client.users}
        if len(named) == 1 and "" not in named:
            client.name = named.pop()
            for call in client.users:
                if call.dependency == _holder(client):
                    call.dependency = client.name


def _holder(client: Client) -> str:
    return client.func.class_name.split(".")[-1] if client.func is not None and client.func.class_name else ""


def _host_sent_to(tracer: Tracer, call: "ExternalCall") -> str:
    """The name of the address one call sends to. A local counts only when the function binds it
    to written text naming a host (`endpoint = f"https://api.example.com/v1/{id}"`); a parameter, or
    a local followed further (a redirect's `current = url`), says nothing of the service."""
    url = _address_of(call.site)
    if isinstance(url, dict) and "." not in str(url.get("ref", ".")):
        bound = call.func.local_types.get(url["ref"]) if call.func is not None and url.get("ref") else None
        text = bound.get("fstring") if isinstance(bound, dict) else bound
        return _host(text) if isinstance(text, str) else ""
    return url_name(tracer, call.facts, call.func, url)


_VERB_FIRST = frozenset({"request", "stream", "build_request"})


def _base_name(tracer: Tracer, client: Client) -> str:
    """The name of the base address a client is built with, if any."""
    site, spec = client.site, client.spec
    written = [site.kwargs[key] for key in spec.url_kwargs if key in site.kwargs]
    if spec.url_arg is not None and spec.url_arg < len(site.args):
        written.append(site.args[spec.url_arg])
    return next((name for url in written if (name := url_name(tracer, client.facts, client.func, url))), "")


def client_name(tracer: Tracer, client: Client) -> str:
    """Dependency name of a client: its base URL's name, else the class that holds it, else
    the variable it is bound to, else its factory."""
    site, spec = client.site, client.spec
    name = _base_name(tracer, client)
    if name:
        return name
    if client.func is not None and client.func.class_name:
        return client.func.class_name.split(".")[-1]
    return f"{spec.factory} at {client.facts.path}:{site.line}"


def attach_uses(tracer: Tracer, clients: list[Client]) -> None:
    """Every call made on a client or on what it hands out (a pool's connections, a redis
    client's pipelines), attached to the constructor it traces back to."""
    model = tracer.model
    by_site = {c.key: c for c in clients}
    owners: set[str] = set()
    for client in clients:
        if client.spec.creates:
            owners |= lib.family(client.spec.creates)
    canonical: dict[str, str] = {}
    for fq, edges in sorted(model.edges.items()):
        facts, func = model.functions[fq]
        for edge in edges:
            if edge.target.kind != "external":
                continue
            raw = edge.target.name.rpartition(".")[0]
            if raw not in canonical:
                canonical[raw] = lib.canonical(raw) if raw else ""
            owner = canonical[raw]
            if owner not in owners or edge.target.name in lib.CLIENTS:
                continue
            client = receiver_client(tracer, facts, func, edge.site, by_site, clients, owner)
            if client is not None and owner in lib.family(client.spec.creates):
                client.uses.append((fq, edge.site))


# ----- key-value stores ---------------------------------------------------------------------------------
STORES = ("redis", "aioredis")


def store_op(edge) -> str:
    """The Redis command a call edge runs, the last part of its name (`get`, `set`, `hset`), or ""
    when it is no Redis call."""
    name = edge.target.name
    if edge.target.kind != "external" or not name.startswith(STORES):
        return ""
    return name.rsplit(".", 1)[-1]
