"""Questions about what encloses a line of a function, answered from `extra["blocks"]`
(try bodies, handlers, finally bodies, with-blocks, loops, raises) recorded by the extractor."""
from __future__ import annotations

from typing import Any, Iterator

from ...facts.types import FunctionFacts
from ...knowledge.logs import LOG_METHODS

Block = dict[str, Any]

BROAD_CATCHES = frozenset({"Exception", "BaseException"})

REPORTERS = frozenset({"capture_exception", "capture_message", "print_exc", "print_exception", "notify"})


def blocks(func: FunctionFacts, kind: str = "") -> Iterator[Block]:
    for block in func.extra.get("blocks", ()):
        if not kind or block["kind"] == kind:
            yield block


def ifs(func: FunctionFacts) -> Iterator[Block]:
    """The function's `if` blocks, in a coroutine or a plain function alike."""
    yield from blocks(func, "if")
    yield from func.extra.get("sync_ifs", ())


def inside(block: Block, line: int) -> bool:
    return block["line"] <= line <= block["end"]


def enclosing(func: FunctionFacts, line: int, kind: str) -> list[Block]:
    """Blocks of `kind` containing `line`, innermost last (asked hundreds of thousands of
    times a run: one comprehension, and a sort only when blocks nest)."""
    found = [b for b in func.extra.get("blocks", ())
             if (not kind or b["kind"] == kind) and b["line"] <= line <= b["end"]]
    return sorted(found, key=lambda b: (b["line"], -b["end"])) if len(found) > 1 else found


def handlers_of(func: FunctionFacts, try_line: int) -> list[Block]:
    return [b for b in blocks(func, "except") if b["try_line"] == try_line]


def guarded_by_handler(func: FunctionFacts, line: int, within: tuple[int, int] | None = None) -> bool:
    """True when `line` sits in the body of a try with handlers (optionally one that starts
    inside the range `within`, e.g. inside a loop)."""
    for block in enclosing(func, line, "try"):
        if not block.get("handled"):
            continue
        if within is None or within[0] <= block["line"] <= within[1]:
            return True
    return False


def in_finally(func: FunctionFacts, line: int) -> bool:
    return bool(enclosing(func, line, "finally"))


def with_exprs(func: FunctionFacts, line: int) -> list[str]:
    """Dotted context-manager expressions (callee for calls) of the with-blocks around `line`."""
    return [b["expr"] for b in enclosing(func, line, "with")]


def is_suppress(block: Block) -> bool:
    """A `with suppress(...):` block (`contextlib.suppress` as written, by its last name)."""
    return block["kind"] == "with" and str(block.get("expr") or "").rsplit(".", 1)[-1] == "suppress"


def suppressed_types(func: FunctionFacts, block: Block) -> list[str]:
    """The exception types, as written, a `with suppress(...):` block swallows (the names passed
    to the call on its line); [] for any other block or when none is a plain name."""
    if not is_suppress(block):
        return []
    site = next((s for s in func.calls if s.line == block["line"] and s.name == block["expr"]), None)
    return [a["ref"] for a in (site.args if site else ()) if isinstance(a, dict) and "ref" in a]


_EXPECTS_FAILURE = frozenset({"raises", "assertRaises", "assertRaisesRegex", "assertRaisesRegexp"})


def expects_failure(func: FunctionFacts | None, line: int) -> bool:
    """`line` sits in `with pytest.raises(...)` / `with self.assertRaises(...)`: a test that
    makes the call to see it fail, so a call that cannot succeed there is deliberate."""
    return func is not None and any(
        b["kind"] == "with" and b["line"] <= line <= b["end"] and b["expr"].rsplit(".", 1)[-1] in _EXPECTS_FAILURE
        for b in func.extra.get("blocks", ()))  # (asked of every call site: no list, no sort)


def forever_loops(func: FunctionFacts) -> list[Block]:
    return [b for b in blocks(func, "loop") if b.get("forever")]


def raises_in(func: FunctionFacts, start: int, end: int) -> list[Block]:
    return [b for b in blocks(func, "raise") if start <= b["line"] <= end]


def handler_reraises(func: FunctionFacts, handler: Block) -> bool:
    return bool(raises_in(func, handler["line"], handler["end"]))


def serves_fallback(func: FunctionFacts, handler: Block) -> bool:
    """The handler returns a value on some path (`except Exception: if name not in BUNDLED: raise;
    return load_bundled(name)`): it re-raises only when it has nothing to serve, the fallback exists."""
    values = func.returns_values or ()
    return any(handler["line"] < line <= handler["end"] and value is not None
               for line, value in zip(func.extra.get("return_lines", ()), values))


def always_raises(handler: Block) -> bool:
    """The handler re-raises whatever it catches (a `raise` of its own with no exit before it)."""
    return bool(handler.get("raises"))


def supplies_value(func: FunctionFacts, handler: Block, line: int) -> bool:
    """The handler binds again the local the call at `line` (in the try body) was to produce, from
    a call of its own (`except NotFound: user = await create_user(...)`): get-or-create, a
    fallback value, normal control flow rather than a failure."""
    names = {name for name, _value in func.bound_on(line)} & set(func.extra.get("rebound", ()))
    return bool(names) and any(not (site.discarded or site.await_dropped)
                               for site in calls_in(func, handler["line"] + 1, handler["end"]))


def contains_failures(func: FunctionFacts, may_fail=lambda site: True) -> bool:
    """Every call and raise of the function sits in a try whose `except Exception` (or bare
    `except`) ends the failure there: a best-effort helper (a metrics refresh that logs and
    goes on) whose caller cannot see it fail. A caller that knows which calls cannot fail the
    way it cares about (a log line, an in-memory queue's `qsize()`) says so with `may_fail`:
    those may sit outside the try."""
    ends = [t for t in blocks(func, "try") if any(
        (not h["types"] or set(h["types"]) <= BROAD_CATCHES) and not handler_reraises(func, h)
        for h in handlers_of(func, t["line"]))]
    spans = ends + [h for t in ends for h in handlers_of(func, t["line"])]
    lines = [site.line for site in func.calls if may_fail(site)] + [b["line"] for b in blocks(func, "raise")]
    return bool(ends) and bool(func.calls) and all(any(inside(b, line) for b in spans) for line in lines)


def calls_in(func: FunctionFacts, start: int, end: int) -> list:
    return [site for site in func.calls if start <= site.line <= end]


def handler_logs(func: FunctionFacts, handler: Block) -> bool:
    """A logging or error-reporting call inside the handler (logger.x, logging.x, sentry, traceback)."""
    return any(logs(site) for site in calls_in(func, handler["line"], handler["end"]))


def logs(site) -> bool:
    """The call logs (`log.warning(...)`, `logger.x`, `logging.x`) or reports an error (sentry, traceback)."""
    last = site.func[-1] if site.func else ""
    return last in LOG_METHODS and len(site.func) >= 2 or last in REPORTERS


def caught_names(model, facts, types: list[str]) -> list[str]:
    """The exception names an except clause catches, with a tuple constant of the project
    (`except subscriptions.DISCONNECTS:`, `DISCONNECTS = (IOError, WebSocketDisconnect)`)
    replaced by the names it holds."""
    out: list[str] = []
    for name in types:
        items = _tuple_constant(model, facts, name)
        out.extend(items if items else [name])
    return out


def _tuple_constant(model, facts, name: str) -> list[str]:
    """The names a module-level tuple or list `name` holds ([] when it is not one)."""
    head, _, attr = name.rpartition(".")
    module, const = (facts.module, name) if not head else ("", attr)
    if head:
        found = model.resolver.type_of_chain(facts, None, tuple(head.split(".")))
        module = found[1] if found and found[0] == "module" else ""
    else:
        binding = model.bindings.get(facts.module, {}).get(name)
        if binding is not None and name not in model.modules[module].assigns:
            module, _, const = binding.target.rpartition(".")
    assign = model.modules[module].assigns.get(const) if module in model.modules else None
    value = assign.value if assign is not None else None
    if not isinstance(value, dict) or value.get("literal") not in ("tuple", "list"):
        return []
    return [item["ref"] for item in value.get("items", ()) if isinstance(item, dict) and "ref" in item]
