"""Whether a websocket route authenticates its client, and where a check it makes decides nothing.

RA317 (`websocket_without_auth`) asks this of every route before judging what an open one exposes.
"""
from __future__ import annotations

from collections import deque

from ...facts.types import CallSite, Param
from ...knowledge.auth import AUTH_WORDS, auth_word
from ...model.app import EntryPoint
from ...model.project import Edge, ProjectModel
from ...model.resilience.triggers import queue_feeds
from ._calls import bound_local, param_receiving
from ._ws import Handler
from ._ws_routes import body_lines_naming, first_receive, path_ids, refers
from ._ws_url_reads import plain_subscripts


# Words that name a credential or a check of one, in parameter and callee names.
_PARAM_WORDS = (*AUTH_WORDS, "session")
_CHECK_DEPTH = 2  # calls followed from the handler when looking for a credential check
# Where a websocket carries credentials: `websocket.headers`, `.cookies`, `.query_params`, `.user`, `.auth`.
_CREDENTIAL_ATTRS = frozenset({"headers", "cookies", "query_params", "user", "auth", "session", "scope"})
_DEPENDENCY_DEFAULTS = frozenset({"Depends", "Security", "Header", "Cookie", "fastapi.Depends", "fastapi.Security",
                                  "fastapi.Header", "fastapi.Cookie"})


def authenticates_client(model: ProjectModel, handler: Handler, entry: EntryPoint) -> bool:
    """A dependency, a credential parameter or read, or a call (two deep) named like a check."""
    return (dependency_checks(model, entry) or _credentials_in_signature(model, handler)
            or _reads_socket_credentials(handler.func, handler.socket, _plain_subscripts(model, handler))
            or bool(_credential_helpers(model, handler))
            or _calls_check_near(model, handler.fq, first_receive(handler)))


def dependency_checks(model: ProjectModel, entry: EntryPoint) -> bool:
    """A route or router dependency named like a check, outside the project, or a provider that checks."""
    return any(auth_word(d.rsplit(".", 1)[-1], _PARAM_WORDS) or d not in model.functions or _provider_checks(model, d)
               for d in entry.dependencies)


def _calls_check_near(model: ProjectModel, fq: str, after: int = 0) -> bool:
    """`fq`, or a function it calls (two deep), calls something named like a credential check.
    With `after` (the handler's first receive), the calls made from then on are not followed: a
    check a service runs on a message's contents (`scan(payload)` verifying a QR signature)
    vouches for that item, not for the connection that sent it."""
    edges = model.edges.get(fq, ())
    near = reached_functions(model, [e for e in edges if not after or e.site.line < after], _CHECK_DEPTH)
    return any(_auth_named(edge) for name in [fq, *near] for edge in model.edges.get(name, ()))


def per_message_checks(model: ProjectModel, handler: Handler, entry: EntryPoint) -> list[Edge]:
    """The handler's own credential-check calls made after its first receive, when nothing else
    authenticates it (no dependency, credential read or helper, no check reached before the
    receive): a check of what a message carries. [] otherwise."""
    first = first_receive(handler)
    edges = model.edges.get(handler.fq, ())
    own = [e for e in edges if first and e.site.line >= first and _auth_named(e)]
    if not own or dependency_checks(model, entry) or _credentials_in_signature(model, handler) \
            or _reads_socket_credentials(handler.func, handler.socket, _plain_subscripts(model, handler)) \
            or _credential_helpers(model, handler):
        return []
    before = [e for e in edges if e.site.line < first]
    near = reached_functions(model, before, _CHECK_DEPTH)
    if any(_auth_named(e) for e in before) or any(_auth_named(e) for fq in near for e in model.edges.get(fq, ())):
        return []
    return own


def unenforced_check(model: ProjectModel, handler: Handler, entry: EntryPoint) -> tuple[str, Edge, str] | None:
    """`staff_id = _staff_id_from(token)` where the check returns None on failure and no branch of
    the handler ever tests `staff_id`, while the handler registers the socket for a stream: the
    credential is read, and then ignored. (local, the check's call, the checking function)
    None when anything else could enforce it: an auth dependency or credential parameter, an
    `if` on the check itself, or the local handed to another auth-named call."""
    func = handler.func
    if not handler.registrations or _credentials_in_signature(model, handler) or dependency_checks(model, entry):
        return None
    tests = [b for b in func.extra.get("blocks", ()) if b.get("kind") == "if"]
    for edge in model.edges.get(handler.fq, ()):
        checker = model.callee_function(edge.target)
        local = bound_local(func, edge.site.line, ".".join(edge.site.func)) if edge.site.func else ""
        if not checker or not local or not _may_return_none(model.functions[checker][1]) \
                or not _checks_credential(model, checker, edge):
            continue
        tested = any(local in b.get("names", ()) or any(c[0] == edge.site.name for c in b.get("calls", ()))
                     for b in tests)
        handed = any(site.func and auth_word(site.func[-1]) and refers(site, local) for site in func.calls)
        if not tested and not handed:
            return local, edge, checker
    return None


def _may_return_none(func) -> bool:
    annotation = func.returns.replace(" ", "")
    return "None" in annotation.split("|") or annotation.startswith("Optional[") or None in func.returns_values


def _checks_credential(model: ProjectModel, checker: str, edge: Edge) -> bool:
    """The called function checks a credential: by its name, or a call (two deep) named like one."""
    return _auth_named(edge) or _calls_check_near(model, checker)


def credential_locals(model: ProjectModel, handler: Handler) -> set[str]:
    """Locals the handler binds from its credential lookup (`tenant_id = await
    _tenant_for_socket(ws)`): a sibling route that takes `tenant_id` from the client instead
    serves whatever tenant the URL names."""
    return {local for edge in _credential_helpers(model, handler)
            if (local := bound_local(handler.func, edge.site.line, ".".join(edge.site.func)))}


def checked_params(handler: Handler) -> set[str]:
    """Path parameters the handler hands to its credential check (`verify_link(booking_id, sig)`):
    the code itself says access to that resource needs proof."""
    return {a["ref"] for site in handler.func.calls if site.func and auth_word(site.func[-1])
            for a in (*site.args, *site.kwargs.values()) if isinstance(a, dict) and "ref" in a} & path_ids(handler)


def auth_middleware(model: ProjectModel) -> bool:
    """`app.add_middleware(AuthenticationMiddleware, ...)`, `Middleware(JWTMiddleware)`, a session
    middleware: ASGI middleware sees websocket connections too."""
    edges = [*((model.functions[e.caller][0], e) for e in model.calls_named("add_middleware", "Middleware")),
             *((model.modules[module], e) for module in sorted(model.module_edges) for e in model.module_edges[module]
               if e.site.func and e.site.func[-1] in ("add_middleware", "Middleware"))]
    return any(isinstance(arg, dict) and auth_word(str(arg.get("ref", "")), _PARAM_WORDS)
               and not _http_only(model, facts, str(arg["ref"]))
               for facts, edge in edges for arg in edge.site.args[:1])


def _http_only(model: ProjectModel, facts, name: str) -> bool:
    """A project `BaseHTTPMiddleware` subclass: Starlette runs it for HTTP requests only and
    passes websocket connections straight through, so it authenticates no websocket."""
    found = model.resolver.type_of_chain(facts, None, tuple(name.split(".")))
    if not found or found[0] != "class" or found[1] not in model.classes:
        return False
    return any(base.rsplit(".", 1)[-1] == "BaseHTTPMiddleware"
               for fq in model.mro(found[1]) for base in model.classes[fq][1].bases)


def _credentials_in_signature(model: ProjectModel, handler: Handler) -> bool:
    for param in handler.func.params:
        if param.name == handler.socket:
            continue
        if auth_word(param.name, _PARAM_WORDS) and (param.default_call in _DEPENDENCY_DEFAULTS
                                                     or _read_in_body(model, handler, param.name)):
            return True
        if param.default_call in _DEPENDENCY_DEFAULTS and _dependency_may_check(model, handler, param):
            return True
    return False


def _read_in_body(model: ProjectModel, handler: Handler, name: str) -> bool:
    """The handler's body names the parameter: a `token: str = Query("")` it never reads is
    declared, not checked, and authenticates nobody."""
    return bool(body_lines_naming(model, handler, name))


def _dependency_may_check(model: ProjectModel, handler: Handler, param: Param) -> bool:
    """`Header`/`Cookie`/`Security` read a credential; `Depends(p)` may check one, unless `p` is
    project code that plainly does not: a provider handing out a service (`Depends(get_feed)`)
    whose name, parameters and calls (two deep) show no credential."""
    if param.default_call.rsplit(".", 1)[-1] != "Depends" or not param.default_args:
        return True
    value = param.default_args[0]
    name = str(value.get("ref") or value.get("call") or "") if isinstance(value, dict) else ""
    if not name or auth_word(name, _PARAM_WORDS):
        return True
    found = model.resolver.type_of_value(handler.facts, handler.func, value, 1)
    if found and found[0] == "function" and found[1] in model.functions:
        return _provider_checks(model, found[1])
    binding = model.bindings.get(handler.facts.module, {}).get(name.split(".")[0])
    return binding is None or binding.target.split(".")[0] not in _project_roots(model)


def _provider_checks(model: ProjectModel, fq: str) -> bool:
    _, func = model.functions[fq]
    if any(auth_word(p.name, _PARAM_WORDS) or p.default_call.rsplit(".", 1)[-1] in ("Header", "Cookie", "Security")
           or (p.default_call.rsplit(".", 1)[-1] == "Depends" and p.default_args) for p in func.params):
        return True
    return _calls_check_near(model, fq)


def _project_roots(model: ProjectModel) -> set[str]:
    return model.memo("project-package-roots", lambda: {module.split(".")[0] for module in model.modules})


def _credential_helpers(model: ProjectModel, handler: Handler) -> list[Edge]:
    """The handler's calls that hand the socket to a project function reading its headers,
    cookies or query parameters (`tenant_id = await _tenant_for_socket(ws)`): the credential
    lookup, moved out of the handler."""
    found = []
    for edge in model.edges.get(handler.fq, ()):
        callee = model.callee_function(edge.target)
        if callee:
            param = param_receiving(model.functions[callee][1], edge.site, handler.socket)
            if param and _reads_socket_credentials(model.functions[callee][1], param):
                found.append(edge)
    return found


def _reads_socket_credentials(func, socket: str, plain_subscripts: bool = False) -> bool:
    """The socket's headers, cookies, query parameters or user read anywhere in `func`:
    as a call (`websocket.headers.get(...)`), an argument or a local's value. A query parameter
    or header fetched by a name that is no credential's (`query_params.get("tracking_code")`,
    `headers.get("origin")`; with `plain_subscripts`, also `query_params["rider_id"]`) is routing
    data, not a credential."""
    plain = {site.line for site in func.calls if _plain_lookup(site, socket)}
    values = [v for site in func.calls for v in (*site.args, *site.kwargs.values())] + list(func.local_types.values())
    chains = [site.func for site in func.calls if site.func and site.line not in plain] + [
        tuple(str(v.get("ref") or v.get("call") or "").split(".")) for v in values
        if isinstance(v, dict) and not ("call" in v and v.get("line") in plain)]
    return any(len(chain) > 1 and chain[0] == socket and chain[1] in _CREDENTIAL_ATTRS
               and not (plain_subscripts and chain[2:] == ("[]",)) for chain in chains)


def _plain_subscripts(model: ProjectModel, handler: Handler) -> bool:
    return plain_subscripts(model, handler, lambda key: auth_word(key, _CREDENTIAL_KEYS))


_LOOKUPS = frozenset({"query_params", "headers"})
_CREDENTIAL_KEYS = (*_PARAM_WORDS, "key", "sig", "sid", "hmac", "nonce", "pass", "protocol", "jwt")


def _plain_lookup(site: CallSite, socket: str) -> bool:
    """`websocket.query_params.get("job")`: a lookup by a literal name that names no credential."""
    return (bool(site.func) and len(site.func) == 3 and site.func[0] == socket and site.func[1] in _LOOKUPS
            and site.func[2] in ("get", "getlist") and bool(site.args) and isinstance(site.args[0], str)
            and not auth_word(site.args[0], _CREDENTIAL_KEYS))


def reached_functions(model: ProjectModel, starts: "list[Edge] | tuple[Edge, ...]", depth: int = -1,
           handoffs: bool = False) -> dict[str, Edge | None]:
    """Project functions the calls lead to (breadth first, `depth` calls deep when given), each
    with the handler's call that leads there; with `handoffs`, also the background workers consuming
    an in-process queue one of them puts into (`ingest.submit(ping)`, persisted by the worker)."""
    feeds = queue_feeds(model) if handoffs else {}
    found: dict[str, Edge | None] = {}
    queue: deque[tuple[str, int]] = deque()
    for edge in starts:
        callee = model.callee_function(edge.target)
        if callee and callee not in found:
            found[callee] = edge
            queue.append((callee, 1))
    while queue:
        fq, level = queue.popleft()
        if level == depth:
            continue
        callees = [model.callee_function(edge.target) for edge in model.edges.get(fq, ())] + feeds.get(fq, [])
        for callee in callees:
            if callee and callee not in found:
                found[callee] = found[fq]
                queue.append((callee, level + 1))
    return found


def _auth_named(edge: Edge) -> bool:
    names = [edge.target.name.rsplit(".", 1)[-1]] if edge.target.name else []
    if edge.site.func:
        names.append(edge.site.func[-1])
    return any(auth_word(name) for name in names) or edge.target.name in ("jwt.decode", "jose.jwt.decode")
