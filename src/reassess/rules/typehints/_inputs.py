"""Where a converted value comes from: request data, a websocket message, an HTTP response.

Shared by the unsafe-conversion rules. From the facts and the call graph only: a value in
literal form (`{"ref": "request.query_params.[]"}`, `{"call": "message.get", "line": 30}`)
is typed by the resolver (`request` is a `fastapi.Request`, `message` holds what
`fastapi.WebSocket.receive_json` returned) and classified by the external name that type
derives from. A parameter of a project function is followed to the arguments its callers
pass (a few hops), so a handler that hands a websocket message to a helper is seen from the
helper's conversion. A call site inside a `try` whose handlers catch the conversion's error
stops the search: that path is handled.

It answers only what it can prove: a value it cannot follow has no origin.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Iterable

from ...findings import Location
from ...model.origins import arguments_for
from .._scope import reviewed_modules
from ..concurrency._ws import handled_by

if TYPE_CHECKING:
    from ...facts.types import CallSite, FunctionFacts, ModuleFacts
    from ...model.project import Edge, ProjectModel

MAX_HOPS = 3
MAX_CALLERS = 25
REQUEST_TYPES = ("fastapi.Request", "fastapi.requests.Request", "starlette.requests.Request",
                 "starlette.requests.HTTPConnection", "fastapi.WebSocket", "fastapi.websockets.WebSocket",
                 "starlette.websockets.WebSocket")
# Attribute or method of a request/websocket -> what the data is.
REQUEST_DATA = {
    "query_params": "query parameter", "path_params": "path parameter", "headers": "header", "cookies": "cookie",
    "json": "JSON body", "form": "form field", "body": "request body",
    "receive_json": "websocket message", "receive_text": "websocket message", "receive_bytes": "websocket message",
    "receive": "websocket message", "iter_json": "websocket message", "iter_text": "websocket message",
    "iter_bytes": "websocket message",
}
# Calls that return an HTTP response (what a response's attributes and methods derive from).
HTTP_RESPONSE = re.compile(r"^(?:httpx|requests)\.(?:get|post|put|patch|delete|request)(?:\.|$)|"
                           r"^(?:httpx\.(?:Async)?Client|requests\.Session|aiohttp\.ClientSession)\."
                           r"(?:get|post|put|patch|delete|request|send)(?:\.|$)")
# FastAPI parameter declarations whose value is request data (a plain `str` default is a query parameter).
PARAM_KINDS = {"Query": "query parameter", "Path": "path parameter", "Header": "header", "Cookie": "cookie",
               "Form": "form field", "Body": "JSON body"}
_NOT_DATA_DEFAULTS = ("Depends", "Security", "File", "UploadFile")
_STR_ANNOTATIONS = ("str", "str | None", "Optional[str]", "typing.Optional[str]", "None | str")
_VALIDATORS = ("isdigit", "isdecimal", "isnumeric")  # `if x.isdigit(): int(x)` cannot raise
_SERVER_CHECKED_HEADERS = ("content-length",)  # the ASGI server rejects a malformed one


@dataclass(frozen=True)
class Origin:
    """Request data (or a network payload) reaching a call."""

    kind: str  # "query parameter", "websocket message", "HTTP response", ...
    name: str  # the expression as the code reads it: `request.query_params["limit"]`, `message`, `limit`
    source: Location  # where the code reads it
    hops: tuple[Location, ...] = ()  # call sites from where it is read to the function converting it
    in_loop: bool = False  # some hop (or the read) sits in a loop
    key: str = ""  # the parameter, header or field name when the code names it: `limit`
    declared: bool = False  # a route handler's parameter (its declaration is the source)

    @property
    def websocket(self) -> bool:
        return self.kind == "websocket message"

    @property
    def network(self) -> bool:
        return self.kind == "HTTP response"


@dataclass
class Inputs:
    """Origins of values for the conversions of one run (memoised per scope, value and line)."""

    model: "ProjectModel"
    _memo: dict[tuple[str, str, int], Origin | None] = field(default_factory=dict)

    # ----- values ------------------------------------------------------------------------------
    def of_value(self, scope: str, value: Any, line: int, depth: int = 0) -> Origin | None:
        if not isinstance(value, dict) or depth > MAX_HOPS * 4:
            return None
        if "or" in value:
            return next((o for o in (self.of_value(scope, v, line, depth + 1) for v in value["or"]) if o), None)
        if "ref" in value:
            return self.of_chain(scope, value["ref"], line, depth + 1)
        if value.get("call"):
            edge = self.edge_at(scope, value.get("line", line), value["call"])
            return self.of_call(scope, edge, depth + 1) if edge is not None else None
        return None

    def of_call(self, scope: str, edge: "Edge", depth: int = 0) -> Origin | None:
        """What a call returns: request data read by the call itself (`request.query_params.get`,
        `websocket.receive_text`), an HTTP response, or `str(x)` of such a value."""
        target = edge.target
        facts, func = self.model.functions[scope]
        if target.kind == "external":
            kind = classify(target.name)
            if kind and not _server_checked(edge.site):
                site = edge.site
                key = site.args[0] if site.args and isinstance(site.args[0], str) else ""
                shown = f'{site.name}("{key}")' if key else assigned_name(func, site.line) or f"{site.name}()"
                return Origin(kind, shown, Location(facts.path, site.line, site.end_line),
                              in_loop=bool(site.loop_line), key=key)
        if target.kind == "builtin" and target.name == "str" and edge.site.args:
            return self.of_value(scope, edge.site.args[0], edge.site.line, depth + 1)
        return None

    def of_chain(self, scope: str, ref: str, line: int, depth: int = 0) -> Origin | None:
        key = (scope, ref, line)  # the line names the key read: `params["a"]`, `params["b"]`
        if key not in self._memo:
            self._memo[key] = None  # guards recursion
            self._memo[key] = self._chain(scope, ref, line, depth)
        return self._memo[key]

    def _chain(self, scope: str, ref: str, line: int, depth: int) -> Origin | None:
        facts, func = self.model.functions[scope]
        parts = ref.split(".")
        prefix = tuple(parts[: parts.index("[]")] if "[]" in parts else parts)
        if not prefix or "()" in prefix:
            return None
        found = self.model.resolver.type_of_chain(facts, func, prefix)
        kind = classify(found[1]) if found and found[0] in ("ext_instance", "ext_result") else ""
        if kind:
            where = _binding_line(func, prefix[0], line)
            key = _subscript_key(self.model.line_text(facts.path, line), prefix[-1]) if len(prefix) < len(parts) else ""
            shown = ".".join(prefix) + (f'["{key}"]' if key else "[...]" if len(prefix) < len(parts) else "")
            return Origin(kind, shown, Location(facts.path, where, where), in_loop=_in_loop(func, where), key=key)
        if len(prefix) != 1:
            return None
        name = prefix[0]
        if name in func.local_types and isinstance(func.local_types[name], dict):
            return self.of_value(scope, func.local_types[name], line, depth + 1)
        index = next((i for i, p in enumerate(func.params) if p.name == name), -1)
        if index < 0:
            return None
        return self.route_parameter(scope, facts, func, index) or self._callers(scope, func, index, depth)

    def route_parameter(self, scope: str, facts: "ModuleFacts", func: "FunctionFacts", index: int) -> Origin | None:
        """A `str` parameter of a route handler: FastAPI passes the raw text of a query, path,
        header, cookie or form parameter."""
        entry = self.model.app.entry_functions().get(scope)
        param = func.params[index]
        if entry is None or entry.kind not in ("http", "websocket") or param.annotation not in _STR_ANNOTATIONS \
                or entry.details.get("command"):  # a registry command's arguments come from its message
            return None
        declared = param.default_call.rsplit(".", 1)[-1]
        if declared in _NOT_DATA_DEFAULTS:
            return None
        kind = PARAM_KINDS.get(declared) or (
            "path parameter" if "{" + param.name + "}" in entry.route or "{" + param.name + ":" in entry.route
            else "query parameter")
        return Origin(kind, param.name, Location(facts.path, func.line, func.line), key=param.name, declared=True)

    def _callers(self, scope: str, func: "FunctionFacts", index: int, depth: int) -> Origin | None:
        """The first caller that passes request data for this parameter on an unguarded call."""
        if depth > MAX_HOPS * 4 or not func.params:
            return None
        for edge, value in arguments_for(self.model.callers.get(scope, ())[:MAX_CALLERS], func, index):
            if value is None or self.guarded(edge.caller, edge.site, ("ValueError",)):
                continue
            found = self.of_value(edge.caller, value, edge.site.line, depth + 4)
            if found is not None:
                caller_facts, _ = self.model.functions[edge.caller]
                hop = Location(caller_facts.path, edge.site.line, edge.site.end_line,
                               f"`{edge.caller.rsplit('.', 1)[-1]}` passes the {found.kind} on here")
                return Origin(found.kind, found.name, found.source, found.hops + (hop,),
                              found.in_loop or bool(edge.site.loop_line), found.key, found.declared)
        return None

    # ----- guards ------------------------------------------------------------------------------
    def guarded(self, scope: str, site: "CallSite", catches: Iterable[str]) -> bool:
        """Whether a `try` around the call site catches one of `catches` (or something broader)."""
        _, func = self.model.functions[scope]
        return guarded_in(func, site.line, catches)

    def validated(self, scope: str, value: Any) -> bool:
        """`x.isdigit()` (or isdecimal/isnumeric) is called on the converted name in this function."""
        if not isinstance(value, dict) or "ref" not in value:
            return False
        _, func = self.model.functions[scope]
        name = value["ref"]
        return any(site.func and site.func[-1] in _VALIDATORS and ".".join(site.func[:-1]) == name
                   for site in func.calls)

    def edge_at(self, scope: str, line: int, name: str) -> "Edge | None":
        return next((e for e in self.model.edges.get(scope, ()) if e.site.line == line and e.site.name == name), None)


BROAD = ("Exception", "BaseException", "?")


def guarded_in(func: "FunctionFacts", line: int, catches: Iterable[str]) -> bool:
    """A `try` around `line` has a handler for one of `catches`, a broad one or a bare `except`."""
    return bool(handled_by(func, line, (*catches, *BROAD)))


def classify(name: str) -> str:
    """What request data an external name derives from ("" when none)."""
    for base in REQUEST_TYPES:
        if name.startswith(base + "."):
            attr = name[len(base) + 1:].split(".", 1)[0]
            return REQUEST_DATA.get(attr, "")
    return "HTTP response" if HTTP_RESPONSE.match(name) else ""


def _server_checked(site: "CallSite") -> bool:
    return bool(site.args) and isinstance(site.args[0], str) and site.args[0].lower() in _SERVER_CHECKED_HEADERS


def assigned_name(func: "FunctionFacts", line: int) -> str:
    """The local name bound to the call made at this line, "" when none."""
    return next((name for name, value in func.local_types.items()
                 if isinstance(value, dict) and value.get("call") and value.get("line") == line), "")


def _subscript_key(text: str, attr: str) -> str:
    """`limit` from `...query_params["limit"]` on the line ("" when the key is no literal)."""
    match = re.search(re.escape(attr) + r"""\[\s*["']([^"'\]]+)["']\s*\]""", text)
    return match.group(1) if match else ""


def _binding_line(func: "FunctionFacts", name: str, line: int) -> int:
    value = func.local_types.get(name)
    return value.get("line", line) if isinstance(value, dict) and value.get("call") else line


def _in_loop(func: "FunctionFacts", line: int) -> bool:
    return any(site.line == line and site.loop_line for site in func.calls)


def served_functions(model: "ProjectModel") -> set[str]:
    """Functions of the hand-written served code (no tests, migrations or generated files)."""
    def build() -> set[str]:
        paths = {facts.path for facts in reviewed_modules(model)}
        return {fq for fq, (facts, _) in model.functions.items() if facts.path in paths}
    return model.memo("unsafe_conversion.served", build)
