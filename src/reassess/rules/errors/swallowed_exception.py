"""RA102 swallowed-exception."""
from __future__ import annotations

import ast
import builtins
from typing import Iterator

from ...facts.visitor import own_nodes
from ...findings import Finding
from ...knowledge.exceptions import DEPENDENCY_ERRORS, PAYLOAD_ERRORS, is_control_flow, last_name
from ...knowledge.queues import ACKNOWLEDGES
from ...model.resilience import blocks as blk
from ..api import FileContext, Rule, register
from .grouping import group_repeats
from .handlers import (CLEANUP_CALLS, KEEPING, Handler, called, commented, handler_location_end, handlers_of,
                       silent_statement, unless_callees)

_NOTHING = frozenset({"pass", "continue", "..."})
_ABSENT = frozenset({"return", "return None"})


def swallowed(handler: Handler, beside_logged: frozenset[int] = frozenset(),
              aliases: dict[str, str] | None = None) -> str:
    """The silent body shape when this handler drops what it catches, else "". `beside_logged`:
    the handlers (by id of their node) that `dropped_beside_logged` found; `aliases`: the file's
    imported names under another name (`RedisConnectionError` -> `ConnectionError`)."""
    if handler.reraises or handler.logs or handler.passes_exception or handler.loses_nothing():
        return ""
    shape = handler.silent_shape()
    if not shape or shape == "pass" and _handled_after(handler):
        return ""
    if handler.is_broad and not handler.is_bare and _made_up_answer(handler, shape):
        return ""  # every failure turned into a plausible answer: the broad-except rule's subject
    if handler.is_bare or handler.is_broad or _dependency_dropped(handler, shape, aliases or {}):
        return shape
    return shape if id(handler.node) in beside_logged else ""


_NO_ANSWER = frozenset({"None", "True", "False", "''", '""', "b''", "[]", "()", "{}"})


def _made_up_answer(handler: Handler, shape: str) -> bool:
    """A value the caller cannot tell from a real answer: a quantity (`return 0` points), or any
    constant standing for the result of awaited work (`return "out_of_service"` when the registry
    lookup failed); not an absent one (`return None`, `return []`), a flag, or a placeholder for a
    local computation (`return "***"` when masking a URL failed)."""
    if not shape.startswith("return ") or shape[len("return "):] in _NO_ANSWER:
        return False
    value = handler.node.body[-1].value if isinstance(handler.node.body[-1], ast.Return) else None
    number = isinstance(value, ast.Constant) and type(value.value) in (int, float)
    return number or handler.try_info.awaits


def _dependency_dropped(handler: Handler, shape: str, aliases: dict[str, str]) -> bool:
    """A dependency's base error (under its own name or an imported alias) dropped with nothing,
    or with `return None` giving the rest of the work up."""
    dependency = any(last_name(aliases.get(t, t)) in DEPENDENCY_ERRORS for t in handler.types)
    absent = shape in _ABSENT or shape == "return False" and _false_also_means_no(handler)
    return dependency and (shape in _NOTHING or absent and _abandons_work(handler))


def _false_also_means_no(handler: Handler) -> bool:
    """The function answers False outside its handlers too (`if not tokens: return False`): False
    is its ordinary "nothing done", so an outage answered with it passes for that, unlike a success
    flag whose only False is the failure."""
    handlers = [n for n in ast.walk(handler.scope) if isinstance(n, ast.ExceptHandler)] if handler.scope else []
    inside = {id(n) for h in handlers for n in ast.walk(h)}
    return any(isinstance(n, ast.Return) and isinstance(n.value, ast.Constant) and n.value.value is False
               and id(n) not in inside for n in ast.walk(handler.scope)) if handler.scope else False


_READS = ("get", "head", "fetch", "retrieve", "load", "read", "lookup", "find", "query", "exists")


def _abandons_work(handler: Handler) -> bool:
    """`return None` where the `try` does not answer itself (`signed = await ca.sign(csr)`, then
    more work after it): the handler gives the rest of the work up and the caller reads the outage
    as "nothing to do". A lookup answering in its `try` (`return await cache.get(k)`), or reading
    what the rest turns into the answer (`resp = await client.get(url)`), and falling back to None
    on failure chose a value, not a drop."""
    if any(name.rsplit(".", 1)[-1].startswith(_READS) for name in handler.try_info.calls):
        return False
    return not any(isinstance(node, ast.Return) for stmt in handler.try_info.node.body for node in ast.walk(stmt))


def dropped_beside_logged(handlers: list[Handler], lines: list[str]) -> frozenset[int]:
    """Handlers of an error (`except PipelineError:`) that say nothing, not even a comment, in a
    `try` where a sibling narrow handler logs the outcome it expects (`except FileNotFoundError:
    log.info(...)`): the author leaves a trace of one outcome, so dropping the other silently is
    an oversight, not a policy. A commented handler (`# the page went away: nothing to answer`)
    is a decision written down."""
    logged = {id(h.try_info.node) for h in handlers if h.logs and not h.reraises and h.types and not h.is_broad}
    return frozenset(id(h.node) for h in handlers if id(h.try_info.node) in logged and _an_error(h)
                     and not _commented(h, lines))


_BUILTIN_ERRORS = frozenset(name for name in dir(builtins) if name.endswith(("Error", "Exception")))


# How a project names its rejection of one item's data (`UnknownCptCode`, `InvalidReading`):
# the item is unusable, not a dependency down or a signal (`LockNotAcquired`, `AlreadyExists`).
_REJECTION_PREFIXES = ("Unknown", "Invalid", "Malformed", "Missing", "Bad")
# ... or by what failed on it (`ParseError`, `ValidationError`): the item could not be read as data.
_REJECTION_SUFFIXES = ("ParseError", "ValidationError", "DecodeError")


def rejected_items_dropped(handlers: list[Handler], lines: list[str]) -> frozenset[int]:
    """Handlers in a loop that skip, with `continue` and no comment, the item the project's own
    check rejects (`except UnknownCptCode: continue` while billing lines): like an undecodable
    item (RA110) it is lost from the batch with no log line or count. Whether the names are the
    project's own classes is left to the model (`check` attaches the condition)."""
    return frozenset(id(h.node) for h in handlers if h.in_loop and _rejection_named(h) and h.try_info.calls
                     and h.silent_shape() == "continue" and not _commented(h, lines) and not _first_match(h))


def rejected_messages_acked(handlers: list[Handler], lines: list[str]) -> dict[int, str]:
    """{handler: shape} for handlers of the project's rejection of a message (`except
    InvalidMessage:`) that only acknowledge it to the broker (`await redis.xack(stream, group,
    entry_id)`) and move on, with no comment: the message is discarded for good - never redelivered,
    parked or logged - so a broken feed loses its messages without a word."""
    found = {}
    for handler in handlers:
        body = [stmt for stmt in handler.node.body if silent_statement(stmt) not in ("comment", "...")]
        if len(body) != 2 or not _rejection_named(handler) or _commented(handler, lines):
            continue
        ack, end = body
        shape = silent_statement(end)
        if shape in ("return", "return None", "continue") and _acknowledges(ack):
            found[id(handler.node)] = f"{_method_called(ack)}(...); {shape}"
    return found


def _acknowledges(stmt: ast.stmt) -> bool:
    """`await redis.xack(...)` / `message.ack()` as a statement of its own."""
    return _method_called(stmt) in ACKNOWLEDGES


def _method_called(stmt: ast.stmt) -> str:
    """The method a statement calls and drops the result of (`xack` in `await redis.xack(...)`), else ""."""
    call = called(stmt)
    return call.func.attr if call is not None and isinstance(call.func, ast.Attribute) else ""


# collection methods a handler uses to record the item it rejects (`rejected.append({...})`)
def dropped_beside_recorded(handlers: list[Handler], lines: list[str]) -> frozenset[int]:
    """Handlers that skip the loop's item with a bare `continue` (no comment) in a loop where
    another `try`'s handler adds the item it rejects to a collection (`rejected.append({"line": n,
    ...})`): the loop keeps a report of one way an item fails and silently drops the other, so the
    report says nothing of the items lost that way. (A sibling that only logs is not such a report:
    loops log one failure and skip an expected one, a timeout or a missing key, all the time.)"""
    recording: dict[int, set[int]] = {}
    for h in handlers:
        if h.loop is not None and not h.reraises and _records(h):
            recording.setdefault(id(h.loop), set()).add(id(h.try_info.node))
    return frozenset(id(h.node) for h in handlers if h.loop is not None
                     and recording.get(id(h.loop), set()) - {id(h.try_info.node)}
                     and h.silent_shape() == "continue" and h.try_info.calls and not _commented(h, lines)
                     and not h.is_bare and not h.is_broad
                     and not any(is_control_flow(t.rsplit(".", 1)[-1]) for t in h.types))


_SAVEPOINTS = frozenset({"begin_nested", "savepoint"})


def session_left_failed(handlers: list[Handler], origins: dict[str, str]) -> frozenset[int]:
    """Handlers dropping SQLAlchemy's `IntegrityError` with `pass`/`continue` and no savepoint in
    the `try` (`async with session.begin_nested():`): not the harmless "duplicate ignored" it looks
    like. The failed flush leaves the session needing a rollback (and PostgreSQL the transaction
    aborted), so the rows are lost and the next flush or the commit fails with an error that no
    longer names the cause. `origins`: the file's imported names -> their modules."""
    return frozenset(id(h.node) for h in handlers if h.types and h.silent_shape() in _NOTHING
                     and all(_sqlalchemy_integrity(t, origins) for t in h.types)
                     and not any(isinstance(n, ast.Attribute) and n.attr in _SAVEPOINTS
                                 for stmt in h.try_info.node.body for n in ast.walk(stmt)))


def _sqlalchemy_integrity(caught: str, origins: dict[str, str]) -> bool:
    """`IntegrityError` / `exc.IntegrityError` / `sqlalchemy.exc.IntegrityError` bound to SQLAlchemy's."""
    head, _, _rest = caught.partition(".")
    return last_name(caught) == "IntegrityError" and origins.get(head, head).startswith("sqlalchemy")


def _records(handler: Handler) -> bool:
    """The handler adds to a collection (`rejected.append(...)`): the rejected item is kept track of."""
    return any(isinstance(stmt, ast.Expr) and isinstance(stmt.value, ast.Call)
               and isinstance(stmt.value.func, ast.Attribute) and stmt.value.func.attr in KEEPING
               for stmt in handler.node.body)


def _handled_after(handler: Handler) -> bool:
    """`try: resp.raise_for_status(); return / except HTTPStatusError: pass`, then code that builds
    and raises the error: the `try` returns on success, so what follows it is the failure path,
    and a `raise` there tells the caller."""
    node = handler.try_info.node
    if not node.body or not isinstance(node.body[-1], ast.Return) or node.orelse or node.finalbody:
        return False
    return any(isinstance(n, ast.Raise) for stmt in handler.try_info.following for n in own_nodes([stmt]))


def _first_match(handler: Handler) -> bool:
    """The loop searches for the first acceptable candidate (`for url in candidates: try: return
    parse(url) except MalformedUrl: continue`, then `return None`): the loop returns a value on
    success and the function answers "none found" after it, so a rejected candidate is the search
    moving on, not an item lost from a batch."""
    loop = handler.loop
    if loop is None:
        return False
    found = any(isinstance(node, ast.Return) and node.value is not None
                and not (isinstance(node.value, ast.Constant) and node.value.value is None)
                for stmt in getattr(loop, "body", ()) for node in own_nodes([stmt]))
    after = sorted((node for node in handler.nodes_after(loop.end_lineno or loop.lineno) if isinstance(node, ast.stmt)),
                   key=lambda node: node.lineno)
    none_found = bool(after) and isinstance(after[0], ast.Return) and (
        after[0].value is None or isinstance(after[0].value, ast.Constant) and after[0].value.value is None)
    return found and none_found


def _rejection_named(handler: Handler) -> bool:
    """Every caught name is a rejection word followed by what was rejected (`UnknownCptCode`, not
    `Badge`), or names the reading that failed (`ParseError`)."""
    names = [last_name(t) for t in handler.types]
    return bool(names) and all(any(n.startswith(p) and n[len(p):][:1].isupper() for p in _REJECTION_PREFIXES)
                               or n.endswith(_REJECTION_SUFFIXES) for n in names)


def _an_error(handler: Handler) -> bool:
    """The handler catches a library's or the project's own error: named `...Error`/`...Exception`
    as PEP 8 asks of exceptions that are errors (a `SkipEvent` or `StopProcessing` is a signal),
    and not a builtin lookup/parse error, a cancellation or a payload that did not validate."""
    names = [t.rsplit(".", 1)[-1] for t in handler.types]
    return bool(names) and all(n.endswith(("Error", "Exception")) and n not in _BUILTIN_ERRORS
                               and not is_control_flow(n) and n not in PAYLOAD_ERRORS for n in names)


def _commented(handler: Handler, lines: list[str]) -> bool:
    """A comment on the handler (see `handlers.commented`): the drop is a decision written down."""
    return commented(lines, {"line": handler.node.lineno, "end": handler.node.end_lineno or handler.node.lineno})


def _suppressed_work(func) -> Iterator[tuple[dict, str, str]]:
    """(with-block, caught, first awaited call) for `with contextlib.suppress(Exception):` (or a
    dependency's base error) around awaited work that is not best-effort cleanup (a sync
    computation suppressed for an optional value is a deliberate fallback)."""
    for block in blk.blocks(func, "with"):
        caught = _broadly_suppressed(func, block)
        if not caught or blk.in_finally(func, block["line"]):
            continue  # in a finally: teardown, the rest of it must run whatever one step raises
        work = [s for s in blk.calls_in(func, block["line"] + 1, block["end"])
                if s.func and s.awaited and s.func[-1] not in CLEANUP_CALLS]
        if work and not _cache_fill_only(func, work, caught):
            yield block, ", ".join(caught), work[0].name


def _cache_fill_only(func, work: list, caught: list[str]) -> bool:
    """A dependency's own error (not `Exception`) suppressed around nothing but the fill of a
    read-through cache (`with suppress(RedisError): await self._cache.set_budgets(...)` after the
    value was loaded from the source): the answer is in hand, a lost fill only costs the next
    read a miss."""
    if any(c.rsplit(".", 1)[-1] in ("Exception", "BaseException") for c in caught):
        return False
    fills = {fill for _read, fill in func.extra.get("read_through_fills", ())}
    return all(s.line in fills for s in work)


def _broadly_suppressed(func, block: dict) -> list[str]:
    """The types a `with suppress(...)` block names, when one is `Exception`/`BaseException` or a
    dependency's base error; [] otherwise."""
    caught = blk.suppressed_types(func, block)
    last = [c.rsplit(".", 1)[-1] for c in caught]
    broad = any(n in ("Exception", "BaseException") or n in DEPENDENCY_ERRORS for n in last)
    return caught if broad else []


@register
class SwallowedException(Rule):
    """An exception caught and dropped without a trace.

    What it finds:
        `except` handlers whose body only does `pass`, `continue`, `...` or returns a
        constant, without logging or re-raising, for bare and `Exception`/`BaseException` (a
        catch-all answering a made-up value - a quantity, `return 0`, or any constant in place of
        awaited work's result, `return "unknown"` - rather than None or a flag, is a broad-except:
        the failure passes for a real answer), for
        dependency base errors (`redis.RedisError`, `httpx.HTTPError`, a hosted service SDK's
        `TwilioRestException` or `StripeError`, ...) dropped with `pass`,
        `continue`, or with a bare `return`/`return None` when the `try` does not answer itself
        (the rest of the work is given up and the caller takes the outage for "nothing to do"; a
        lookup returning in its `try` and None on failure chose a value), or with `return False`
        where the function also answers False for an ordinary "no" (`if not tokens: return
        False`: the outage passes for it; a success flag whose only False is the failure is not
        reported), and for a project's
        or library's own error dropped beside a sibling handler of the same `try` that logs the
        error it expects (`except FileNotFoundError: log.info(...)` then `except PipelineError:
        return None`: one outcome leaves a trace, the other vanishes), and for a project's own
        rejection of an item (`UnknownCptCode`, `InvalidReading`: named `Unknown...`,
        `Invalid...`, `Malformed...`, `Missing...`, `Bad...`, or `...ParseError`,
        `...ValidationError`, `...DecodeError`) skipped with `continue` in a loop and
        no comment: like an undecodable item, it is lost from the batch without a word (a
        library's error, `except InvalidToken: continue` from a package, is not judged), and any
        error skipped with `continue` in a loop where another `try`'s handler adds the rejected
        item to a collection (`rejected.append({"line": n, ...})`): the loop's report of rejected
        items leaves those out; SQLAlchemy's `IntegrityError` dropped with `pass`/`continue` outside
        a savepoint (`begin_nested()`), which is not the harmless "duplicate ignored" it looks like:
        the session is left needing a rollback, so the rows are lost and the next flush or the
        commit fails far from the cause; and the project's
        rejection of a consumed message acknowledged to the broker and dropped (`except
        InvalidMessage: await redis.xack(stream, group, entry_id); return`, no comment): it is never
        redelivered, parked or logged (a handler that also dead-letters or logs it is fine). Narrow
        look-ups (`except KeyError: return None`), cancellation handling, best-effort
        cleanup (`close()`, `unlink()`, also under `if hasattr(self, "pool"):` or followed by a log
        line, or `except BaseException` around awaiting a task just stopped), handlers in a
        finalizer (`__del__`: the interpreter ignores what it raises anyway), keep-alive loops (`_ping_loop`), a `try` holding one conversion of one value
        (`json.loads(raw)` with a default), a `try` whose only call is a project function that
        logs its failure before raising it again, predicates answering False when they cannot
        read their input or reach what they ask about (`is_valid_url`, `is_online`), and success
        flags (`try: ...; return True` /
        `except Exception: return False` in a `-> bool` function) are not reported, nor is a
        `pass`/`continue` moving on to the next candidate in a function that ends raising its
        own error when none is usable (`raise ValueError("no usable price")`) or, polling,
        answers `False` at its end (`_wait_until_ready(...) -> bool`), nor a retry that counts down
        or pauses before a `raise` after the loop, a `try` that only reads text it was given
        (`name.split("_")`, `len(parts)`: nothing there can fail), or one enriching the report of an
        outer handler that logs the traceback and raises (`body = exc.response.text`); a handler
        whose comment (a `#` line or a string literal) says why the drop is fine is LOW. Also
        `with contextlib.suppress(Exception):`
        (or a dependency's base error) around awaited work outside a `finally`; a dependency's
        error suppressed around nothing but the fill of a read-through cache (the value was just
        loaded from the source) only costs the next read a miss and is not reported. More than `max_per_file` (5)
        identical handlers in one file are reported once.

    Why it matters:
        The failure disappears: no log line, no metric, no error for the caller. A broken
        dependency or a bug in the try body looks like success until the missing side
        effects (an unpublished event, an unsaved row) are noticed downstream.

    Example:
        try:
            await self.redis.publish(channel, payload)
        except Exception:
            pass

    Instead:
        Catch what you expect, and leave a trace of it:

            except redis.RedisError:
                logger.warning("publish to %s failed", channel, exc_info=True)
    """

    id = "RA102"
    name = "swallowed-exception"
    category = "swallowed-exception"
    severity = "MEDIUM"
    scope = "file"
    base_effort = 0.5
    effort_per_location = 0.25

    def check(self, ctx: FileContext) -> Iterator[Finding]:
        handlers = list(handlers_of(ctx.tree, ctx.facts))
        origins = {imp.bound: f"{imp.module}.{imp.name}" if imp.name else imp.module for imp in ctx.facts.imports}
        beside_logged = (dropped_beside_logged(handlers, ctx.lines) | dropped_beside_recorded(handlers, ctx.lines)
                         | session_left_failed(handlers, origins))
        rejected = rejected_items_dropped(handlers, ctx.lines) - beside_logged
        aliases = {imp.alias: imp.name for imp in ctx.facts.imports if imp.alias and imp.name}
        acked = rejected_messages_acked(handlers, ctx.lines)
        found = [(h, shape) for h in handlers
                 if (shape := acked.get(id(h.node)) or swallowed(h, beside_logged | rejected, aliases))]
        rejected |= frozenset(acked)
        limit = int(self.option("max_per_file", 5))
        for group in group_repeats(found, lambda item: (item[0].types, item[1]), limit):
            finding = self._finding(ctx, group)
            if id(group[0][0].node) in rejected:  # only the project's own checks: a library's is its policy
                finding.extra["unless"] = [{"check": "outside-project", "names": list(group[0][0].types)}]
            yield finding
        for func in ctx.facts.functions.values():
            for block, caught, work in _suppressed_work(func):
                yield self.finding(
                    ctx.line_loc(block["line"]), f"{caught} suppressed around `{work}()` in `{func.qualname}`",
                    f"`{func.qualname}` wraps `{work}()` in `contextlib.suppress({caught})`: any failure of that work "
                    "(a dependency down, a bug in it) is dropped without a log line, exactly like `except "
                    f"{caught}: pass`, and the caller cannot tell that it did not happen.",
                    recommendation=f"Catch the errors the work may raise and leave a trace:\n\n```python\ntry:\n"
                                   f"    ...\nexcept {caught}:\n    logger.warning(\"{work} failed\", exc_info=True)\n```")

    def _finding(self, ctx: FileContext, group: list[tuple[Handler, str]]) -> Finding:
        handler, shape = group[0]
        caught = handler.types_text if handler.types else "every exception (bare `except:`)"
        title = f"{'Exception' if handler.is_broad or handler.is_bare else caught} swallowed in {handler.where()}"
        description = (f"{handler.where()} catches {caught} raised by {handler.try_does()} and drops it with "
                       f"`{shape}`: nothing is logged and the caller cannot tell that it failed.")
        related = []
        if len(group) > 1:
            title = f"{len(group)} handlers in {ctx.path} swallow {caught} with `{shape}`"
            description = (f"{len(group)} handlers in this file catch {caught} and drop it with `{shape}`, "
                           f"starting with {handler.where()} around {handler.try_does()}; none logs or "
                           "re-raises, so every one of these failures is invisible.")
            related = [ctx.line_loc(h.node.lineno, handler_location_end(h),
                                    f"also swallowed in {h.where()}") for h, _ in group[1:]]
        probe = shape.startswith("return") and not handler.try_info.awaits  # `return False` from a check
        documented = _commented(handler, ctx.lines) or handler.explained()  # `pass  # telemetry is best effort`
        finding = self.finding(
            ctx.line_loc(handler.node.lineno, handler_location_end(handler)), title, description,
            recommendation=_recommendation(handler), related=related,
            severity="LOW" if probe or documented else None,
        )
        finding.extra.update(unless_callees([h for h, _ in group], "logs-and-raises", Handler.single_call_line))
        return finding


def _recommendation(handler: Handler) -> str:
    expected = "the specific errors the block expects" if handler.is_broad or handler.is_bare else "the error"
    what = handler.try_info.calls[0] if handler.try_info.calls else "the block"
    return (f"Catch {expected} and leave a trace, or let it propagate if the caller must know:\n\n"
            f"```python\nexcept {_suggested_type(handler)}:\n"
            f"    logger.warning(\"{what} failed\", exc_info=True)\n```")


def _suggested_type(handler: Handler) -> str:
    if handler.types and not handler.is_broad:
        return handler.types[0] if len(handler.types) == 1 else f"({', '.join(handler.types)})"
    return "Exception"
