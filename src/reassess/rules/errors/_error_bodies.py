"""Routes that answer a failure with their own error body while the project's other routes raise
`HTTPException`: an `{"error": ...}` dict returned with 200 OK, or a response whose error body is
not the `{"detail": ...}` that every raised HTTPException produces."""
from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Iterator

from ...facts.types import FunctionFacts, ModuleFacts
from ...model.project import ProjectModel
from ...model.resilience import blocks as blk
from ...model.resilience.guards import resolved_name
from ._hierarchy import handler_classes

_STATUS = re.compile(r"HTTP_(\d{3})")
_ERROR_KEYS = frozenset({"error", "errors", "message", "msg", "reason"})


@dataclass(frozen=True)
class ErrorBody:
    fq: str
    path: str
    line: int
    keys: tuple[str, ...]
    status: int  # 200 for a returned dict
    raise_at: tuple[str, int]  # an HTTPException raised by another route (path, line)
    handled: str = ""  # the caught class's base an app-wide handler answers, when that is the convention broken
    raised: str = ""  # the project error other routes raise for an app-wide handler to answer (instead of HTTPException)
    error_class: str = ""  # the HTTP error class the sibling raises, when not FastAPI's (`aiohttp.web.HTTPNotFound`)


def error_bodies(model: ProjectModel, http_errors: frozenset[str], responses: frozenset[str]) -> Iterator[ErrorBody]:
    """Error bodies returned by routes, when some other route raises HTTPException (and no app-wide
    handler reshapes HTTPException into another body)."""
    routes = _routes(model)
    raising = _raising(model, routes, http_errors)
    if not raising or _reshaped(model, http_errors):
        return
    for fq, facts, func in routes:
        sibling = next(((p, line) for p, line, who, _name in raising if who != fq), None)
        if sibling is not None:
            for line, keys, status in _returned_errors(model, facts, func, responses):
                yield ErrorBody(fq, facts.path, line, keys, status, sibling)


def ok_error_bodies(model: ProjectModel, http_errors: frozenset[str], responses: frozenset[str]) -> Iterator[ErrorBody]:
    """aiohttp: error bodies routes return with 200 OK (`web.json_response({"error": ...})`), when
    another route raises one of aiohttp's HTTP errors (`raise web.HTTPNotFound()`). Those errors
    answer text, not a JSON shape, so only the success status is a convention broken."""
    routes = _routes(model)
    raising = _raising(model, routes, http_errors)
    for fq, facts, func in routes:
        others = [(p, line, name) for p, line, who, name in raising if who != fq]
        sibling = next((other for other in others if other[0] == facts.path), others[0] if others else None)
        if sibling is None:
            continue
        for line, keys, status in _returned_errors(model, facts, func, responses):
            if status < 400:
                yield ErrorBody(fq, facts.path, line, keys, status, sibling[:2], error_class=sibling[2])


def _raising(model: ProjectModel, routes: list, http_errors: frozenset[str]) -> list[tuple[str, int, str, str]]:
    """(path, line, route, class) of each `raise` of one of `http_errors` in a route: the convention
    the routes returning their own error bodies break."""
    return [(facts.path, b["line"], fq, name) for fq, facts, func in routes for b in blk.blocks(func, "raise")
            if b["exc"] and (name := resolved_name(model, facts, func, b["exc"])) in http_errors]


def raised_error_bodies(model: ProjectModel, responses: frozenset[str]) -> Iterator[ErrorBody]:
    """Error bodies returned by routes, when another route raises a project error that an app-wide
    exception handler answers (`raise NotFound("account not found")` beside `@app.exception_handler(
    DomainError)`): that handler's body is the project's error shape, and this route has its own."""
    answered = handler_classes(model)
    if not answered:
        return
    routes = _routes(model)
    raising = []
    for fq, facts, func in routes:
        for block in blk.blocks(func, "raise"):
            name = resolved_name(model, facts, func, block["exc"]) if block["exc"] else ""
            if name in model.classes and any(c in answered for c in model.mro(name)):
                raising.append((facts.path, block["line"], fq, name))
    other_shape: dict[str, bool] = {}  # raised class -> its handler answers a body without `detail`
    for fq, facts, func in routes:
        sibling = next(((p, line, name) for p, line, who, name in raising if who != fq), None)
        if sibling is None:
            continue
        raised = sibling[2]
        if raised not in other_shape:  # `{"detail": ...}` is HTTPException's shape, foreign only beside another
            handler = next(answered[c] for c in model.mro(raised) if c in answered)
            other_shape[raised] = bool(_handler_keys(model, handler, responses))
        for line, keys, status in _returned_errors(model, facts, func, responses, detail_shaped=other_shape[raised]):
            yield ErrorBody(fq, facts.path, line, keys, status, sibling[:2], raised=raised)


def _handler_keys(model: ProjectModel, entry, responses: frozenset[str]) -> set[str]:
    """The keys of the body an app-wide exception handler answers with (`JSONResponse({"error": ...})`,
    inline or through a local it built), or an empty set when it cannot be read or uses `detail`."""
    found = model.functions.get(entry.function)
    if not found:
        return set()
    facts, func = found
    keys: set[str] = set()
    for line in func.extra.get("return_lines", ()):
        site = next((s for s in blk.calls_in(func, line, line)
                     if resolved_name(model, facts, func, s.name) in responses), None)
        body = site.kwargs.get("content", site.args[0] if site.args else None) if site else None
        if isinstance(body, dict) and isinstance(body.get("ref"), str):
            body = func.local_types.get(body["ref"])
        if not (isinstance(body, dict) and body.get("literal") == "dict"):
            return set()
        keys.update(k for k, _v in body.get("items", ()) if isinstance(k, str))
    return set() if "detail" in keys else keys


def _routes(model: ProjectModel) -> list[tuple[str, ModuleFacts, FunctionFacts]]:
    return [(e.function, *model.functions[e.function]) for e in model.app.of_kind("http")
            if e.function in model.functions]


def handled_error_bodies(model: ProjectModel, responses: frozenset[str]) -> Iterator[ErrorBody]:
    """Error bodies a route returns from its handler of a project error that an app-wide exception
    handler already answers (`except Conflict as exc: return {"ok": False, "error": exc.message}`
    where `app.exception_handler(DomainError)` maps every DomainError to its status): the route
    opts out of the app's error contract, and a 200 carries the failure."""
    answered = handler_classes(model)
    if not answered:
        return
    for fq, facts, func in _routes(model):
        for handler in blk.blocks(func, "except"):
            base = _answered_base(model, facts, func, handler, answered)
            if not base:
                continue
            entry = answered[base]
            for line, keys, status in _returned_errors(model, facts, func, responses, handler.get("name") or ""):
                if blk.inside(handler, line):
                    yield ErrorBody(fq, facts.path, line, keys, status, (entry.path, entry.line), base)


def _answered_base(model: ProjectModel, facts: ModuleFacts, func: FunctionFacts, handler: dict,
                   answered: dict) -> str:
    """The class an app-wide handler answers that every type this `except` names derives from."""
    found = ""
    for written in handler.get("types") or ():
        fq = resolved_name(model, facts, func, written)
        base = next((c for c in model.mro(fq) if c in answered), "") if fq in model.classes else ""
        if not base:
            return ""
        found = found or base
    return found


def _returned_errors(model: ProjectModel, facts: ModuleFacts, func: FunctionFacts,
                     responses: frozenset[str], caught: str = "",
                     detail_shaped: bool = False) -> Iterator[tuple[int, tuple[str, ...], int]]:
    """(line, body keys, status) of returns of an error-keyed dict, bare or in a response built
    with 200 (then it must carry an `error` text) or an error status; a body with a `detail` key
    under an error status is HTTPException's own shape, an error of its own only when the project's errors have
    another (`detail_shaped`: a response with an error status whose body is `{"detail": ...}`)."""
    for value, line in zip(func.returns_values, func.extra.get("return_lines", ())):
        body, status = value, 200
        if isinstance(value, dict) and "call" in value:
            site = next((s for s in blk.calls_in(func, line, line)
                         if resolved_name(model, facts, func, s.name) in responses), None)
            if site is None:
                continue
            body = site.kwargs.get("content", site.kwargs.get("data", site.args[0] if site.args else None))
            status = _status(site.kwargs.get("status_code", site.kwargs.get("status", 200)))  # aiohttp: `status=`
            if status != 200 and status < 400:  # unknown, or a deliberate 2xx/3xx other than OK
                continue
        keys = _keys(body, status, caught)
        # a `detail` key is HTTPException's shape only under an error status: with 200, `_keys`
        # kept the body for its `error` text, and the failure travels as a success whatever else it holds
        if keys and ("detail" not in keys or status < 400) and _ERROR_KEYS.intersection(keys):
            yield line, keys, status
        elif detail_shaped and status >= 400 and keys == ("detail",):
            yield line, keys, status


def _keys(body: object, status: int, caught: str = "") -> tuple[str, ...]:
    """The dict's string keys; with a 200 status only when it carries an `error` text (or, in a
    handler, anything read from the `caught` error: `exc.message`)."""
    if not (isinstance(body, dict) and body.get("literal") == "dict"):
        return ()
    items = [(k, v) for k, v in body.get("items", ()) if isinstance(k, str)]
    if status < 400 and not any(k == "error" and (_error_text(v) or _reads(v, caught)) for k, v in items):
        return ()
    return tuple(k for k, _v in items)


def _error_text(value: object) -> bool:
    """An error message: a non-empty text, an f-string or the caught error's text (`str(exc)`)."""
    return isinstance(value, str) and bool(value) or isinstance(value, dict) and (
        "fstring" in value or value.get("call") in ("str", "repr"))


def _reads(value: object, caught: str) -> bool:
    """The value is the caught error or read from it (`exc`, `exc.message`)."""
    ref = value.get("ref", "") if isinstance(value, dict) else ""
    return bool(caught) and isinstance(ref, str) and ref.split(".", 1)[0] == caught


def _status(value: object) -> int:
    """A status code written as a number or as `status.HTTP_404_NOT_FOUND`; 0 when unknown."""
    if isinstance(value, int) and not isinstance(value, bool):
        return value
    match = _STATUS.search(value["ref"].rsplit(".", 1)[-1]) if isinstance(value, dict) and "ref" in value else None
    return int(match.group(1)) if match else 0


def _reshaped(model: ProjectModel, http_errors: frozenset[str]) -> bool:
    """An app-wide exception handler registered for HTTPException (it decides the body shape)."""
    for entry in model.app.of_kind("exception-handler"):
        written = entry.details.get("exception", "")
        found = model.functions.get(entry.function)
        if found and (resolved_name(model, found[0], None, written) or written) in http_errors:
            return True
    return False
