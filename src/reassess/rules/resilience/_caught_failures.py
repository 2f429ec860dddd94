"""Where a dependency's failure travels from its call and where it is caught: the request
entries it escapes from, the handlers that catch it (or only answer an error), and the project
exceptions it is translated into on the way. Apart from the grouping of calls, as a chain of its own."""
from __future__ import annotations

from typing import TYPE_CHECKING, Iterator

from ...knowledge.responses import answered_status
from ...model.app import EntryPoint
from ...model.resilience import analysis
from ...model.resilience import blocks as blk
from ...model.resilience.calls import ExternalCall, catches, catching_handlers, handled_here
from ...model.resilience.guards import resolved_name
from ...model.overrides import with_dispatching_bases
from ...model.resilience.runtime import spawned_sites
from ._helpers import helper_targets

if TYPE_CHECKING:
    from ...model.project import Edge, ProjectModel
    from ._deps import Group


REQUEST_KINDS = ("http", "websocket")


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
