"""The project exceptions that stand for a failed remote call: a function called in the `try`
raises one while handling the failure, or on the response of its own request. A handler
catching one drops the dependency's failure under the project's name (RA603, RA107)."""
from __future__ import annotations

from ...model.passed import passed_and_called
from ...model.project import ProjectModel
from ...model.resilience import analysis
from ...model.resilience import blocks as blk
from ...model.resilience.guards import forwarders, handed_chain, resolved_name
from ...model.resilience.runtime import forward
from ...knowledge.exceptions import BROAD, CANCEL_SIGNALS, DEPENDENCY_ERRORS, last_name
from ._silent_handlers import try_body


def caught_project_errors(model: ProjectModel, fq: str, handler: dict) -> list[str]:
    """The project exception classes a narrow handler names ([] for broad, library or
    cancellation handlers)."""
    types = handler["types"]
    if not types or any(last_name(t) in BROAD | DEPENDENCY_ERRORS | CANCEL_SIGNALS for t in types):
        return []
    facts, func = model.functions[fq]
    found = [resolved_name(model, facts, func, t) for t in types]
    return [name for name in found if name in model.classes] if all(n in model.classes for n in found) else []


def first_http_call(calls: list) -> dict[str, int]:
    """fq -> line of the first HTTP request the function makes."""
    first: dict[str, int] = {}
    for call in calls:
        if call.kind == "http-client":
            first[call.fq] = min(first.get(call.fq, call.site.line), call.site.line)
    return first


def wrapping_raise(model: ProjectModel, fq: str, handler: dict, caught: list[str],
                    remote: set[str], http: dict[str, int]) -> tuple | None:
    """(call site in the try, raising function, line) when a function called in the try body
    makes remote calls and raises one of the caught classes from inside an `except`, or after
    an HTTP request of its own (`if response.status_code >= 400: raise GatewayError(...)`)."""
    func = model.functions[fq][1]
    body = try_body(func, handler)
    if body is None:
        return None
    own = _own_failed_response(model, fq, func, body, caught)
    if own is not None:
        return own
    for edge in model.edges.get(fq, ()):
        callee = model.callee_function(edge.target)
        if not callee or not body["line"] <= edge.site.line <= body["end"]:
            continue
        reach = _reach(model, callee)
        if reach.isdisjoint(remote):
            continue
        for raiser in sorted(reach):
            line = _raises_while_handling(model, raiser, caught, http.get(raiser, 0))
            if line:
                return edge.site, raiser, line
        for raiser, line in _response_checks(model, reach, caught, http):
            return edge.site, raiser, line
    return None


def _own_failed_response(model: ProjectModel, fq: str, func, body: dict, caught: list[str]) -> tuple | None:
    """(request site, fq, line) when the `try` body makes an HTTP request itself and raises one of
    the caught classes on its response (`if resp.status >= 400: raise BoardRejected(...)`): the
    handler drops the dependency's failure exactly as if a client helper had raised it."""
    requests = [c.site for c in analysis(model).calls
                if c.fq == fq and c.kind == "http-client" and body["line"] <= c.site.line <= body["end"]]
    if not requests:
        return None
    first = min(requests, key=lambda site: site.line)
    line = _raises_while_handling(model, fq, caught, first.line, (first.line, body["end"]))
    return (first, fq, line) if line else None


def _reach(model: ProjectModel, callee: str) -> set[str]:
    """The functions a call reaches, also through a breaker or retry helper it hands a method to
    (`await self._breaker.call(self._post_label, req)` runs `_post_label`)."""
    reach = forward(model, [callee], limit=200)
    passing = forwarders(model)
    handed = set()
    for caller in reach:
        facts, func = model.functions[caller]
        for edge in model.edges.get(caller, ()):
            helper = model.callee_function(edge.target)
            if helper in passing:
                handed |= {fq for _ref, fq in handed_chain(model, facts, func, edge.site, passing[helper]) if fq}
            elif helper and (edge.site.args or edge.site.kwargs):
                handed |= set(passed_and_called(model, edge, helper))
    return reach | forward(model, sorted(handed - reach), limit=200) if handed - reach else reach


def _response_checks(model: ProjectModel, reach: set[str], caught: list[str], http: dict[str, int]):
    """(helper, line) for a helper a function calls after its own HTTP request to turn the
    response into one of the caught errors (`return _raise_for_provider(response)` with
    `if response.is_error: raise PaymentProviderError(...)`): the error reports the failed call."""
    for fq in sorted(f for f in reach if f in http):
        for edge in model.edges.get(fq, ()):
            helper = model.callee_function(edge.target)
            if helper and edge.site.line >= http[fq] and helper not in http:
                line = _raises_while_handling(model, helper, caught, requested_at=-1)
                if line:
                    yield helper, line


def _raises_while_handling(model: ProjectModel, fq: str, caught: list[str], requested_at: int = 0,
                           span: tuple[int, int] = (0, 1 << 30)) -> int:
    facts, func = model.functions[fq]
    for block in blk.blocks(func, "raise"):
        if not block.get("exc") or not span[0] <= block["line"] <= span[1]:
            continue
        if not blk.enclosing(func, block["line"], "except") and not 0 < requested_at < block["line"] \
                and requested_at != -1:  # -1: the function checks a response received by its caller
            continue
        raised = resolved_name(model, facts, func, block["exc"])
        if raised in model.classes and any(c in model.mro(raised) for c in caught):
            return block["line"]
    return 0
