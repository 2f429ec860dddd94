"""RA858 unsafe-conversion: request data or websocket messages converted with nothing to catch bad input."""
from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING, Iterator

from ...findings import Finding, Location
from ..api import ProjectContext, Rule, distinct, register
from ..quality.sizing import plural
from ._inputs import REQUEST_TYPES, Inputs, Origin, assigned_name, guarded_in, served_functions

if TYPE_CHECKING:
    from ...model.project import Edge, ProjectModel

# Resolved call -> (how the code reads, the errors bad input raises: any of them caught is a guard).
CONVERSIONS: dict[str, tuple[str, tuple[str, ...]]] = {
    "int": ("int()", ("ValueError", "TypeError")),
    "float": ("float()", ("ValueError", "TypeError")),
    "decimal.Decimal": ("Decimal()", ("InvalidOperation", "DecimalException", "ArithmeticError")),
    "uuid.UUID": ("UUID()", ("ValueError",)),
    "datetime.datetime.fromisoformat": ("datetime.fromisoformat()", ("ValueError",)),
    "datetime.date.fromisoformat": ("date.fromisoformat()", ("ValueError",)),
    "datetime.time.fromisoformat": ("time.fromisoformat()", ("ValueError",)),
    "datetime.datetime.strptime": ("datetime.strptime()", ("ValueError",)),
    "json.loads": ("json.loads()", ("JSONDecodeError", "ValueError")),
    "orjson.loads": ("orjson.loads()", ("JSONDecodeError", "ValueError")),
    "ujson.loads": ("ujson.loads()", ("JSONDecodeError", "ValueError")),
}
_JSON = ("json.loads", "orjson.loads", "ujson.loads")
_WHOLE_BODIES = ("JSON body", "request body")  # a malformed whole body is a broken client, not typed input
RECEIVE_JSON = tuple(f"{base}.{method}" for base in REQUEST_TYPES if "WebSocket" in base
                     for method in ("receive_json", "iter_json"))
MAX_RELATED = 20


@dataclass(frozen=True)
class Unchecked:
    """One conversion of external input with nothing to catch its error."""

    edge: "Edge"
    what: str  # "int()", "receive_json()"
    origin: Origin
    raises: str  # the error bad input raises


@register
class UncheckedInputConversion(Rule):
    """Request data or websocket messages converted (`int()`, `Decimal()`, `UUID()`,
    `fromisoformat()`, `json.loads()`) with nothing to catch malformed input.

    What it finds:
        Conversions whose argument is proved to come from the request: a query, path,
        header, cookie or form value read from `request.query_params` / `headers` /
        `cookies` / `path_params`, a field of `await request.json()`, a route parameter
        FastAPI passes as a raw `str`, or a field of a websocket message
        (`receive_json()` / `receive_text()`), directly or through a few calls to project
        functions. Reported when no `try` around the conversion (or around the call that
        hands the value on) catches the error it raises, and the app registers no handler
        for `ValueError`. In a websocket handler only conversions inside the receive loop
        count (there a malformed message ends a session that would otherwise go on), and
        there `receive_json()` / `iter_json()` itself (and `json.loads` of `receive_text()`)
        is such a conversion. Left out: whole request bodies parsed with `json.loads` (as
        `await request.json()` does; a malformed body is a broken client rather than typed
        input), path parameters a route converts already (`{id:int}`), values checked with
        `isdigit()` first, the `Content-Length` header (the server validates it),
        environment variables and configuration. One finding per function.

    Why it matters:
        A client that sends `?limit=abc`, a malformed id or a message with `"price": "n/a"`
        gets a 500 Internal Server Error and a traceback in the logs instead of a 422: the
        error rates and alerts count the client's mistake as a server fault, and the input
        is not validated where the API declares it. In a websocket handler the exception
        leaves the receive loop: one malformed message closes that client's connection
        with code 1011 and drops its subscriptions.

    Example:
        @router.get("/orders")
        async def list_orders(request: Request):
            limit = int(request.query_params.get("limit", "50"))

    Instead:
        Declare the parameter so that FastAPI validates it (422 on bad input), or catch the
        conversion's error and answer with a client error:

            @router.get("/orders")
            async def list_orders(limit: int = Query(50, ge=1, le=500)):
                ...
    """

    id = "RA858"
    name = "unchecked-input-conversion"
    category = "unsafe-conversion"
    severity = "MEDIUM"
    scope = "project"
    base_effort = 0.5
    effort_per_location = 0.25

    def check(self, ctx: ProjectContext) -> Iterator[Finding]:
        model = ctx.model
        inputs = Inputs(model)
        served = served_functions(model)
        http_handled = _app_handles_value_error(model)
        found: dict[str, list[Unchecked]] = {}
        converted = 0
        for edge in model.calls_to(*CONVERSIONS, *RECEIVE_JSON):
            if edge.caller not in served:
                continue
            origin, item = self._unchecked(inputs, edge)
            converted += origin is not None
            if item is not None and not (http_handled and not item.origin.websocket):
                found.setdefault(edge.caller, []).append(item)
        ctx.examine("conversions of external input", converted)
        for fq in sorted(found):
            yield self._finding(model, fq, found[fq])

    def _unchecked(self, inputs: Inputs, edge: "Edge") -> tuple[Origin | None, Unchecked | None]:
        """The origin of what the call converts, and the finding item when nothing catches its error."""
        site, name = edge.site, edge.target.name
        if name in RECEIVE_JSON:
            origin = inputs.of_call(edge.caller, edge)
            what, catches = f"{site.func[-1] if site.func else 'receive_json'}()", ("JSONDecodeError", "ValueError")
            if origin is None or not (site.loop_line or origin.in_loop or name.endswith(".iter_json")):
                return None, None
        else:
            if not site.args or site.star_args:
                return None, None
            what, catches = CONVERSIONS[name]
            origin = inputs.of_value(edge.caller, site.args[0], site.line)
            if origin is None or origin.network or (name in _JSON and origin.kind in _WHOLE_BODIES):
                return None, None
            if origin.websocket and not (site.loop_line or origin.in_loop):
                return origin, None  # one message, then the handler ends anyway
            if inputs.validated(edge.caller, site.args[0]) or _route_converts(inputs.model, edge.caller, origin):
                return origin, None
        if inputs.guarded(edge.caller, site, catches) or _handled_by_callers(inputs, edge.caller, catches):
            return origin, None
        return origin, Unchecked(edge, what, origin, catches[0])

    def _finding(self, model: "ProjectModel", fq: str, items: list[Unchecked]) -> Finding:
        facts, func = model.functions[fq]
        first = items[0]
        websocket = any(i.origin.websocket for i in items)
        listed = "; ".join(_describe(i) for i in items[:6]) + (f"; and {len(items) - 6} more" if len(items) > 6 else "")
        effect = ("the exception leaves the receive loop: one malformed message closes this client's connection "
                  "(code 1011) and drops its subscriptions" if websocket else
                  "FastAPI answers a malformed value with 500 Internal Server Error and logs a traceback instead of "
                  "rejecting it with a 422")
        kinds = sorted({i.what for i in items})
        shown = ", ".join(kinds[:3]) + (f" and {len(kinds) - 3} more" if len(kinds) > 3 else "")
        cited = Location(facts.path, first.edge.site.line, first.edge.site.end_line)
        return self.finding(
            cited,
            f"`{func.name}`: {'websocket message' if websocket else 'request input'} parsed with {shown} "
            "and nothing to catch bad input",
            f"`{fq}` converts external input without handling a malformed value: {listed}. Nothing on the way "
            f"(a `try` here, around the calls that hand the value on, or an exception handler of the app) catches "
            f"{'these errors' if len(items) > 1 else 'the error'}, so {effect}.",
            recommendation=_recommendation(model, fq, first, websocket),
            related=distinct(cited, _related(facts.path, items))[:MAX_RELATED],
            extra={"conversions": len(items)},
        )


def _related(path: str, items: list[Unchecked]) -> list[Location]:
    out: list[Location] = []
    for index, item in enumerate(items):
        site, origin = item.edge.site, item.origin
        if index:
            out.append(Location(path, site.line, site.end_line, f"{item.what} of {_shown(origin)}, unchecked"))
        if origin.source.start_line != site.line or origin.source.path != path:
            note = (f"`{origin.key}` is declared as a plain `str` {origin.kind} here" if origin.declared
                    else f"the {origin.kind} is read here")
            out.append(Location(origin.source.path, origin.source.start_line, origin.source.end_line, note))
        out += list(origin.hops)
    return out


def _shown(origin: Origin) -> str:
    return f"the {origin.kind} `{origin.name}`"


def _describe(item: Unchecked) -> str:
    line = item.edge.site.line
    hops = f" (passed on through {plural(len(item.origin.hops), 'call')})" if item.origin.hops else ""
    error = {"InvalidOperation": "`decimal.InvalidOperation` (not a `ValueError`)",
             "JSONDecodeError": "`json.JSONDecodeError`"}.get(item.raises, f"`{item.raises}`")
    if item.edge.target.name in RECEIVE_JSON:
        text = f"`{item.what}` at line {line} parses each message as JSON and raises {error} on any other text"
    else:
        text = f"`{item.what}` of {_shown(item.origin)} at line {line}{hops} raises {error}"
    return text + (", which the `try` around it does not catch" if item.edge.site.in_try else "")


_DECLARED = {"query parameter": "Query", "path parameter": "Path", "header": "Header", "cookie": "Cookie"}
_TYPES = {"int()": "int", "float()": "float", "Decimal()": "Decimal", "UUID()": "UUID",
          "datetime.fromisoformat()": "datetime", "date.fromisoformat()": "date"}


def _recommendation(model: "ProjectModel", fq: str, item: Unchecked, websocket: bool) -> str:
    facts, func = model.functions[fq]
    target = assigned_name(func, item.edge.site.line)
    text = model.line_text(facts.path, item.edge.site.line).strip()
    statement = text if not target or text.startswith(target + " =") else f"{target} = ..."
    if websocket:
        error = {"JSONDecodeError": "json.JSONDecodeError", "InvalidOperation": "InvalidOperation"}.get(
            item.raises, item.raises)
        return ("Catch the error per message inside the loop, answer the client and keep the connection "
                "(the messages that parse are handled exactly as before):\n\n"
                f"```python\nwhile True:\n    try:\n        {statement}\n"
                f"    except {_caught(item, error)}:\n"
                "        await websocket.send_json({\"type\": \"error\", \"detail\": \"malformed message\"})\n"
                "        continue\n    ...\n```")
    kind = _TYPES.get(item.what, "")
    if item.origin.kind in _DECLARED and kind and item.origin.key.isidentifier():
        name = item.origin.key.replace("-", "_").lower() if item.origin.kind == "header" else item.origin.key
        return ("Declare the parameter with its type so that FastAPI validates it and answers a malformed value "
                "with a 422 (the route, its name and its successful responses stay the same):\n\n"
                f"```python\nasync def {func.name}(..., {name}: {kind} = {_DECLARED[item.origin.kind]}(...)):\n"
                "```\n\nor keep the code and catch the error:\n\n" + _try_block(statement, item))
    return "Catch the conversion's error and answer with a client error:\n\n" + _try_block(statement, item)


def _caught(item: Unchecked, error: str) -> str:
    """What the per-message `except` names: the parse error, plus missing or mistyped fields."""
    return error if item.edge.target.name in RECEIVE_JSON else f"({error}, KeyError, TypeError)"


def _try_block(statement: str, item: Unchecked) -> str:
    error = {"InvalidOperation": "(InvalidOperation, TypeError)  # from decimal import InvalidOperation",
             "JSONDecodeError": "json.JSONDecodeError"}.get(item.raises, "(ValueError, TypeError)")
    return (f"```python\ntry:\n    {statement}\nexcept {error}:\n"
            f"    raise HTTPException(status_code=422, detail=\"invalid {item.origin.kind}\") from None\n```")


def _handled_by_callers(inputs: Inputs, fq: str, catches: tuple[str, ...]) -> bool:
    """Every caller of the function calls it inside a `try` that catches the error."""
    callers = inputs.model.callers.get(fq, ())
    return bool(callers) and all(guarded_in(inputs.model.functions[e.caller][1], e.site.line, catches)
                                 for e in callers)


def _route_converts(model: "ProjectModel", fq: str, origin: Origin) -> bool:
    """`request.path_params[...]` of a route declared `{id:int}` (or float, uuid) is converted already."""
    if origin.kind != "path parameter" or origin.declared:
        return False
    entry = model.app.entry_functions().get(fq)
    route = entry.route if entry is not None else ""
    keys = [origin.key] if origin.key else re.findall(r"\{(\w+):", route)
    return any(re.search(r"\{" + re.escape(key) + r":(?:int|float|uuid)\}", route) for key in keys)


def _app_handles_value_error(model: "ProjectModel") -> bool:
    """The app registers an exception handler for ValueError (FastAPI then answers it, not a 500)."""
    return any(e.kind == "exception-handler" and e.details.get("exception", "").rsplit(".", 1)[-1] in
               ("ValueError",) for e in model.app.entrypoints)
