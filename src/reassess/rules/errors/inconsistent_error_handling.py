"""RA105 inconsistent-error-handling: HTTP errors raised below the web layer, and one
exception type answered with different status codes."""
from __future__ import annotations

import builtins
import re
from collections import defaultdict
from typing import Iterator

from ...findings import Finding, Location
from ...knowledge.responses import AIOHTTP_ERROR_STATUS
from ...model.project import ProjectModel
from ...model.resilience import blocks as blk
from ...model.resilience.guards import resolved_name
from ...model.app import is_test_path
from ...model.resilience.runtime import short
from ..api import ProjectContext, Rule, register
from ..data._common import requests_reaching
from ..observability.failure_skipped_silently import try_body
from ._error_bodies import ErrorBody, error_bodies, handled_error_bodies, ok_error_bodies, raised_error_bodies
from ._hierarchy import Stray, handled_hierarchies, stray_related, strays

HTTP_ERRORS = frozenset({"fastapi.HTTPException", "fastapi.exceptions.HTTPException",
                         "starlette.exceptions.HTTPException", "fastapi.WebSocketException"})
# Litestar's errors that answer with their HTTP status (not `ImproperlyConfiguredException`): only
# for where they are raised, since their first positional argument is the detail, not the status.
LITESTAR_HTTP_ERRORS = frozenset(f"litestar.exceptions{module}.{name}" for module in ("", ".http_exceptions")
                                 for name in ("HTTPException", "ClientException", "NotFoundException",
                                              "NotAuthorizedException", "PermissionDeniedException",
                                              "ValidationException", "TooManyRequestsException",
                                              "InternalServerException", "ServiceUnavailableException"))
_RAISED_HTTP_ERRORS = HTTP_ERRORS | LITESTAR_HTTP_ERRORS
RESPONSES = frozenset({"fastapi.responses.JSONResponse", "starlette.responses.JSONResponse", "fastapi.Response",
                       "starlette.responses.Response", "fastapi.responses.Response"})
AIOHTTP_ERRORS = frozenset(f"aiohttp.{module}.{name}" for module in ("web", "web_exceptions")
                           for name in AIOHTTP_ERROR_STATUS)
AIOHTTP_JSON = frozenset({"aiohttp.web.json_response", "aiohttp.web_response.json_response"})
_STATUS = re.compile(r"(?:HTTP_|WS_)?(\d{3,4})")
_BROAD = frozenset({"Exception", "BaseException", "builtins.Exception", "builtins.BaseException"})
_MAX_RELATED = 8


@register
class InconsistentErrorHandling(Rule):
    """Errors translated to HTTP in the wrong layer, or differently in different places.

    What it finds:
        (1) Modules that are neither routes nor request dependencies (services, data access,
        clients) raising FastAPI/Starlette (or Litestar) `HTTPException`, reported once per module
        with every raise listed; modules in a web package by name (`routes`, `routers`, `endpoints`,
        `controllers`, `views`, `dependencies`, `deps`) are web layer. (2) One
        exception type that handlers turn into different HTTP status codes (`except ValueError`
        -> 409 in one route, 400 in another or in an app-wide exception handler), reported once
        per type at the answer a handler gives (a failure answered with a 2xx code first); a builtin error caught around the request's own parsing (`scheme, token =
        header.split()`, no project function called) is not such a mapping. (3) An exception
        class the project defines beside its
        own error hierarchy (a base with an app-wide exception handler and several subclasses),
        on a builtin base such as `ValueError`, raised on a request path and caught nowhere on
        the way (Pydantic validators excepted), reported at the class. (4) A route returning its
        own error body (`{"error": ...}` with 200 OK, or `JSONResponse({"message": ...}, 404)`)
        where other routes raise HTTPException or a project error that an app-wide exception
        handler answers (`raise NotFound(...)` beside `app.exception_handler(DomainError)`), or
        from its handler of a project error that an app-wide exception handler already answers (`except Conflict as exc: return {"ok": False,
        "error": exc.message}` beside `app.exception_handler(DomainError)`). In aiohttp, a route
        answering a failure with `web.json_response({"error": ...})` and 200 OK where other routes
        raise aiohttp's HTTP errors (`raise web.HTTPNotFound()`).

    Why it matters:
        A data or service function that raises HTTPException can only be used from a request:
        a worker or CLI calling it gets a web exception, and the HTTP contract is scattered
        across layers so nobody can see which errors an endpoint returns. The same failure
        answered with different codes makes clients handle it per endpoint and hides the
        meaning of the code. An exception that no handler maps reaches the client as a bare 500.

    Example:
        class DataManager:
            async def get_order(self, order_id):
                ...
                raise HTTPException(404, "order not found")

    Instead:
        Raise domain exceptions below the web layer (`OrderNotFound(LookupError)`) and map each
        to one status code in one place:

            @app.exception_handler(OrderNotFound)
            async def not_found(request, exc):
                return JSONResponse({"detail": str(exc)}, status_code=404)
    """

    id = "RA105"
    name = "inconsistent-error-handling"
    category = "inconsistent-error-handling"
    severity = "LOW"
    scope = "project"
    base_effort = 2.0
    effort_per_location = 0.25

    def check(self, ctx: ProjectContext) -> Iterator[Finding]:
        yield from self._http_below_web(ctx.model)
        yield from self._status_codes(ctx.model)
        yield from self._outside_hierarchy(ctx)
        yield from self._error_bodies(ctx.model)

    # ----- (4) error bodies of their own beside raised HTTPExceptions --------------------------------
    def _error_bodies(self, model: ProjectModel) -> Iterator[Finding]:
        seen: set[tuple[str, int]] = set()
        for body in [*error_bodies(model, HTTP_ERRORS, RESPONSES), *handled_error_bodies(model, RESPONSES),
                     *raised_error_bodies(model, RESPONSES), *ok_error_bodies(model, AIOHTTP_ERRORS, AIOHTTP_JSON)]:
            if (body.path, body.line) not in seen:
                seen.add((body.path, body.line))
                yield self._body_finding(body)

    def _body_finding(self, body: ErrorBody) -> Finding:
        keys = ", ".join(f'"{k}"' for k in body.keys)
        if body.handled:
            return self._handled_finding(body, keys)
        if body.raised:
            return self._raised_finding(body, keys)
        if body.status < 400:
            what, effect = (f"returns `{{{keys}}}` with 200 OK", "clients, retries and monitoring see a "
                            "success, and a response model on the route may reject the body as a 500")
        else:
            what, effect = (f"answers {body.status} with a `{{{keys}}}` body", "clients must parse two "
                            "error shapes, since every raised HTTPException answers `{\"detail\": ...}`")
        raised = f"web.{body.error_class.rsplit('.', 1)[-1]}" if body.error_class else "HTTPException"
        if body.error_class:
            effect = "clients, retries and monitoring see a success"
        description = (f"`{short(body.fq)}` {what} on a failure, while other routes raise `{raised}` "
                       f"(e.g. {body.raise_at[0]}:{body.raise_at[1]}): {effect}.")
        recommendation = ("Raise the aiohttp HTTP error that fits the failure (`raise web.HTTPNotFound()` for a missing "
                          "record), or the project's domain error, like the other routes." if body.error_class else
                          "Raise `HTTPException(status_code, detail)` (or the project's domain error) like the other "
                          "routes.")
        return self.finding(Location(body.path, body.line, body.line),
                            f"`{short(body.fq)}` returns its own error body", description,
                            related=[Location(*body.raise_at, body.raise_at[1], f"`{raised}` raised here")],
                            recommendation=recommendation)

    def _raised_finding(self, body: ErrorBody, keys: str) -> Finding:
        raised = body.raised.rsplit(".", 1)[-1]
        answer, tail = _answer_words(body)
        description = (f"`{short(body.fq)}` returns `{{{keys}}}` {answer} on a failure, while other routes raise "
                       f"`{raised}` (e.g. {body.raise_at[0]}:{body.raise_at[1]}) for the app-wide exception handler "
                       f"to answer: clients must parse two error shapes{tail}")
        return self.finding(Location(body.path, body.line, body.line),
                            f"`{short(body.fq)}` returns its own error body", description,
                            related=[Location(*body.raise_at, body.raise_at[1], f"`{raised}` raised here")],
                            recommendation=f"Raise the project's error (`{raised}` or its sibling) like the other "
                                           "routes, and let the app-wide handler answer it.")

    def _handled_finding(self, body: ErrorBody, keys: str) -> Finding:
        base = body.handled.rsplit(".", 1)[-1]
        answer, tail = _answer_words(body)
        description = (f"`{short(body.fq)}` catches an error that the app-wide handler for `{base}` already turns "
                       f"into its status and body, and returns `{{{keys}}}` {answer} instead: this route alone "
                       f"answers the failure its own way, so clients must handle it per endpoint{tail}")
        return self.finding(Location(body.path, body.line, body.line),
                            f"`{short(body.fq)}` answers a `{base}` itself", description,
                            related=[Location(*body.raise_at, body.raise_at[1], f"the app-wide handler for `{base}`")],
                            recommendation=f"Let the error reach the `{base}` handler, like the other routes.")

    # ----- (3) exception classes beside the project's handled hierarchy ---------------------------
    def _outside_hierarchy(self, ctx: ProjectContext) -> Iterator[Finding]:
        hierarchies = handled_hierarchies(ctx.model)
        if not hierarchies:
            return
        requests = requests_reaching(ctx)
        seen: set[str] = set()
        for hierarchy in hierarchies:
            for stray in strays(ctx.model, requests, hierarchy):
                if stray.fq not in seen:
                    seen.add(stray.fq)
                    yield self._stray_finding(stray)

    def _stray_finding(self, stray: Stray) -> Finding:
        name, base = stray.fq.rsplit(".", 1)[-1], stray.hierarchy.fq.rsplit(".", 1)[-1]
        subclasses = [s.rsplit(".", 1)[-1] for s in stray.hierarchy.subclasses]
        functions = sorted({short(fq) for fq, _p, _l in stray.raises})
        description = (
            f"`{name}` derives from {_lineage(stray)}, not from the project's `{base}`, whose "
            f"{len(subclasses)} subclasses ({', '.join(f'`{s}`' for s in subclasses[:5])}"
            f"{', ...' if len(subclasses) > 5 else ''}) the app-wide handler "
            f"`{short(stray.hierarchy.handler.function)}` turns into their status codes. It is raised "
            f"{len(stray.raises)} time{'s' if len(stray.raises) != 1 else ''} on the path of "
            f"{stray.entry.name.strip()} (in {', '.join(f'`{f}`' for f in functions[:4])}) and caught nowhere "
            f"on the way, so that request fails with a bare 500 Internal Server Error and no error payload, "
            f"unlike every other domain error."
        )
        return self.finding(
            Location(stray.path, stray.line, stray.line), f"`{name}` escapes the `{base}` error handling",
            description, related=stray_related(stray), severity="MEDIUM",
            recommendation=_derive(name, base, _closest(name, subclasses)),
        )

    # ----- (1) HTTPException raised in non-web modules --------------------------------------------
    def _http_below_web(self, model: ProjectModel) -> Iterator[Finding]:
        by_module = _http_raises_below_web(model)
        for module in sorted(by_module):
            raises = sorted(by_module[module], key=lambda item: item[1])
            facts = model.modules[module]
            functions = sorted({short(fq) for fq, _line in raises})
            first = raises[0]
            description = (
                f"`{facts.path}` defines no route or request dependency, yet {len(raises)} raise"
                f"{'s' if len(raises) != 1 else ''} of `HTTPException` sit{'' if len(raises) != 1 else 's'} in it "
                f"({', '.join(functions[:6])}"
                f"{', ...' if len(functions) > 6 else ''}): the HTTP status is decided below the web layer."
            )
            related = [Location(facts.path, line, line, f"in {short(fq)}") for fq, line in raises[1:_MAX_RELATED]]
            yield self.finding(Location(facts.path, first[1], first[1]),
                               f"HTTPException raised outside the web layer in {facts.path}", description,
                               related=related)

    # ----- (2) one exception type, several status codes -------------------------------------------
    def _status_codes(self, model: ProjectModel) -> Iterator[Finding]:
        mapping: dict[str, list[tuple[str, str, int, str]]] = defaultdict(list)
        for fq, facts, func in model.iter_functions():
            if is_test_path(facts.path):
                continue
            for handler in blk.blocks(func, "except"):
                codes = _codes_in(model, facts, func, handler["line"], handler["end"])
                for written in handler["types"]:
                    name = resolved_name(model, facts, func, written) or written
                    if name in _BROAD or not codes or (_builtin(name) and _parses_only(model, fq, func, handler)):
                        continue
                    for code, line in codes:
                        mapping[name].append((code, facts.path, line, short(fq)))
        for entry in model.app.of_kind("exception-handler"):
            written = entry.details.get("exception", "")
            found = model.functions.get(entry.function)
            if not written or found is None:
                continue
            facts, func = found
            name = resolved_name(model, facts, None, written) or written
            for code, _line in _codes_in(model, facts, func, func.line, func.end_line):
                mapping[name].append((code, facts.path, func.line, f"app-wide handler {short(entry.function)}"))
        for name in sorted(mapping):
            uses = mapping[name]
            codes = sorted({code for code, *_rest in uses})
            if len(codes) < 2:
                continue
            uses = _each_code_first(sorted(uses, key=lambda u: (u[1], u[2])))
            where = "; ".join(f"{code} in {who}" for code, _p, _l, who in uses[:max(6, len(codes))])
            description = (
                f"`{name.removeprefix('builtins.')}` is answered with {len(codes)} different status codes "
                f"({', '.join(codes)}): {where}. Clients cannot rely on one meaning for it."
            )
            first = _odd_one(uses)
            related = [Location(p, line, line, f"{code} in {who}") for code, p, line, who in uses[:_MAX_RELATED]
                       if (code, p, line, who) != first]
            yield self.finding(Location(first[1], first[2], first[2]),
                               f"`{name.removeprefix('builtins.')}` mapped to status codes {', '.join(codes)}",
                               description, related=related)


def _builtin(name: str) -> bool:
    return name.startswith("builtins.") or (name.isidentifier() and isinstance(getattr(builtins, name, None), type))


def _parses_only(model: ProjectModel, fq: str, func, handler: dict) -> bool:
    """The handler's `try` awaits nothing and calls no project function: a builtin error raised
    there comes from the request's own parsing (`scheme, token = header.split()` -> ValueError),
    says nothing about the domain, and its status code is no mapping to keep consistent."""
    body = try_body(func, handler)
    if body is None or any(site.awaited for site in blk.calls_in(func, body["line"], body["end"])):
        return False
    return not any(body["line"] <= edge.site.line <= body["end"] and edge.target.is_project
                   for edge in model.edges.get(fq, ()))


def _each_code_first(uses: list[tuple[str, str, int, str]]) -> list[tuple[str, str, int, str]]:
    """The uses with the first site of every code ahead of the rest, so the sites shown (and the
    related locations) back each code the title names."""
    firsts: dict[str, tuple[str, str, int, str]] = {}
    for use in uses:
        firsts.setdefault(use[0], use)
    shown = sorted(firsts.values(), key=lambda u: (u[1], u[2]))
    return shown + [use for use in uses if use not in shown]


def _lineage(stray: Stray) -> str:
    """`ValueError`, or `AppError` (an `Exception`) when the class statement names a project base."""
    builtin = ", ".join(f"`{b}`" for b in stray.bases)
    written = [b.rsplit(".", 1)[-1] for b in stray.written]
    if not written or written == stray.bases:
        return builtin
    return f"{', '.join(f'`{w}`' for w in written)} (in the end {builtin})"


def _closest(name: str, classes: list[str]) -> str:
    """The class whose name shares a word stem with `name` (`FirmwareValidationError` ->
    `InvalidInputError`), or ""."""
    stems = {w.lower()[:5] for w in re.findall(r"[A-Z][a-z]+", name) if w not in ("Error", "Exception")}
    return next((c for c in classes if any(len(stem) == 5 and stem in c.lower() for stem in stems)), "")


def _derive(name: str, base: str, close: str) -> str:
    parent = close or base
    return (f"Derive it from `{base}`" + (f", here through `{close}`," if close else "")
            + f" so the app-wide handler answers it like the other domain errors:\n\n"
            f"    class {name}({parent}):\n        ...")


def _web_functions(model: ProjectModel) -> set[str]:
    out: set[str] = set()
    for entry in model.app.of_kind("http", "websocket", "middleware", "exception-handler"):
        out.add(entry.function)
        out.update(entry.dependencies)
    return out


def _router_modules(model: ProjectModel) -> set[str]:
    out = set()
    for router in model.app.routers:
        key = router.get("path", "")
        facts = model.by_path.get(key)
        if facts is not None:
            out.add(facts.module)
    return out


def _codes_in(model: ProjectModel, facts, func, start: int, end: int) -> list[tuple[str, int]]:
    """(HTTP status code, line) of the HTTPException/JSONResponse calls between the lines: the line
    is the answer itself (`raise HTTPException(409, ...)`), the one a reviewer points at."""
    codes = []
    for site in blk.calls_in(func, start, end):
        name = resolved_name(model, facts, func, site.name)
        if name not in HTTP_ERRORS and name not in RESPONSES:
            continue
        value = site.kwargs.get("status_code", site.args[0] if site.args and name in HTTP_ERRORS else None)
        code = _code(value)
        if code:
            codes.append((code, site.line))
    return codes


def _odd_one(uses: list[tuple[str, str, int, str]]) -> tuple[str, str, int, str]:
    """The use to cite: a failure answered with a success code (`JSONResponse(status_code=200,
    content={"ok": False})`) is the outlier among error codes; else the first."""
    return next((use for use in uses if use[0].startswith("2")), uses[0])


def _code(value: object) -> str:
    if isinstance(value, int) and not isinstance(value, bool):
        return str(value)
    if isinstance(value, dict) and "ref" in value:
        match = _STATUS.search(value["ref"].rsplit(".", 1)[-1])
        return match.group(1) if match else ""
    return ""


def _http_raises_below_web(model: ProjectModel) -> dict[str, list[tuple[str, int]]]:
    """Module -> (function, line) of each `HTTPException` raised outside the web layer: not in a
    route, a request dependency, a module declaring routes or routers, a web package, or tests."""
    web = _web_functions(model)
    route_modules = {model.functions[fq][0].module for fq in web if fq in model.functions}
    route_modules |= _router_modules(model) | _routing_modules(model)
    by_module: dict[str, list[tuple[str, int]]] = defaultdict(list)
    for fq, facts, func in model.iter_functions():
        if (fq in web or facts.module in route_modules or _web_package(facts.module) or is_test_path(facts.path)
                or _handles_requests(func)):
            continue
        for block in blk.blocks(func, "raise"):
            if block["exc"] and resolved_name(model, facts, func, block["exc"]) in _RAISED_HTTP_ERRORS:
                by_module[facts.module].append((fq, block["line"]))
    return by_module


_REQUEST_TYPES = ("Request", "WebSocket", "HTTPConnection")
# Packages that hold the web layer by name: the route controllers' base classes and mixins,
# permission checks and request dependencies live there even when no route is declared beside them.
_WEB_PACKAGES = frozenset({"routes", "routers", "endpoints", "controllers", "views", "dependencies", "deps"})


def _web_package(module: str) -> bool:
    return not _WEB_PACKAGES.isdisjoint(module.split("."))


def _handles_requests(func) -> bool:
    """A function that receives the request itself (auth checks, permission classes) or asks for
    dependencies (`Depends(...)`) is web layer."""
    return any(p.annotation.rsplit(".", 1)[-1] in _REQUEST_TYPES or p.default_call.rsplit(".", 1)[-1]
               in ("Depends", "Security") for p in func.params)


_VERBS = frozenset({"get", "post", "put", "patch", "delete", "head", "options", "api_route", "route", "websocket",
                    "websocket_route"})


def _routing_modules(model: ProjectModel) -> set[str]:
    """Modules that declare routes or routers themselves, whatever router class they use
    (the application model may not follow a project's own router wrapper)."""
    out = set()
    for module, facts in model.modules.items():
        if any(isinstance(a.value, dict) and str(a.value.get("call", "")).endswith("Router")
               for a in facts.assigns.values()):
            out.add(module)
            continue
        if any(d.is_call and "." in d.func and d.func.rsplit(".", 1)[-1] in _VERBS
               for func in facts.functions.values() for d in func.decorators):
            out.add(module)
    return out


def _answer_words(body: ErrorBody) -> tuple[str, str]:
    """How a hand-made error body answers, and the sentence's end: a 2xx one also hides the failure."""
    if body.status < 400:
        return "with 200 OK", ", and retries and monitoring see a success."
    return f"with {body.status}", "."
