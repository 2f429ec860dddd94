"""One walk over a file's tree that describes every `except` handler.

The four error-handling rules ask different questions of the same handlers (what is
caught, does the handler log, re-raise, pass the exception on, where does it sit), so
the walk runs once per tree and its result is shared (`handlers_of`).
"""
from __future__ import annotations

import ast
import re
from bisect import bisect_left
from collections.abc import Iterator
from dataclasses import dataclass, field

from ...facts.types import ModuleFacts
from ...facts.values import dotted_str
from ...facts.visitor import FastVisitor
from ...knowledge.environment import ENV_READS
from ...knowledge.exceptions import PROCESS_EXITS
from ...knowledge.exceptions import BROAD, parse_call
from ...knowledge.logs import LOG_METHODS, level_wrapper_call, names_logger

TRACEBACK_CALLS = frozenset({
    "traceback.print_exc", "traceback.format_exc", "traceback.print_exception", "traceback.format_exception",
    "sentry_sdk.capture_exception", "capture_exception",
})


@dataclass
class TryInfo:
    node: ast.Try
    awaits: bool = False
    calls: list[str] = field(default_factory=list)  # dotted callees in the body, in order, distinct
    # the statements after the `try` in the block holding it (what runs once it is done)
    following: list[ast.stmt] = field(default_factory=list)


@dataclass
class Handler:
    """An `except` clause and what its body does (nested functions excluded)."""

    node: ast.ExceptHandler
    try_info: TryInfo
    function: str  # qualname of the enclosing function, "" at module level
    is_async: bool
    in_loop: bool
    forever_loop: bool  # inside `while True` / `while 1`
    types: tuple[str, ...]  # caught types as written; () for a bare `except:`
    reraises: bool = False  # any `raise` in the body
    logs: bool = False
    logs_traceback: bool = False
    passes_exception: bool = False  # the bound exception object is returned, stored or handed on
    raises: list[ast.Raise] = field(default_factory=list)  # raise statements of this very handler
    returns: str = ""  # the enclosing function's return annotation as written, "" without one
    # the enclosing function ends raising its own error (`raise ValueError("no usable price")`): a
    # handler there that moves on to the next candidate hides nothing, the caller hears if all fail
    tries_alternatives: bool = False
    scope: ast.AST | None = None  # the enclosing function (the module at module level)
    loop: ast.AST | None = None  # the innermost loop around the `try`, None outside loops
    within: "Handler | None" = None  # the handler this `try` sits in (error reporting of an outer failure)
    traceback_lines: list[int] = field(default_factory=list)  # its own calls logging the traceback

    def traceback_before(self, line: int) -> bool:
        """This handler itself (not one nested in it) logs the traceback before `line`."""
        return any(logged < line for logged in self.traceback_lines)

    def nodes_after(self, line: int) -> Iterator[ast.AST]:
        """The nodes of the enclosing function that start after `line` (none without one)."""
        nodes = ast.walk(self.scope) if self.scope is not None else ()
        return (node for node in nodes if getattr(node, "lineno", 0) > line)

    @property
    def name(self) -> str:
        return self.node.name or ""

    @property
    def is_bare(self) -> bool:
        return self.node.type is None

    @property
    def is_broad(self) -> bool:
        return any(t.rsplit(".", 1)[-1] in BROAD for t in self.types)

    @property
    def in_bool_function(self) -> bool:
        """The enclosing function is annotated `-> bool`."""
        return self.returns == "bool"

    @property
    def catches_base_exception(self) -> bool:
        return "BaseException" in {t.rsplit(".", 1)[-1] for t in self.types}

    @property
    def types_text(self) -> str:
        if not self.types:
            return "everything (bare `except:`)"
        return ", ".join(f"`{t}`" for t in self.types)

    @property
    def ends_with_bare_raise(self) -> bool:
        last = self.node.body[-1]
        return isinstance(last, ast.Raise) and last.exc is None

    def silent_shape(self) -> str:
        """"pass", "continue", "return <constant>" or "..." when the body only does that, else ""."""
        shapes = []
        for stmt in self.node.body:
            shape = silent_statement(stmt)
            if not shape:
                return ""
            shapes.append(shape)
        meaningful = [s for s in shapes if s != "comment"]
        return meaningful[-1] if meaningful else "pass"

    def answers_false(self) -> bool:
        """`try: <attempt>; return True / except Exception: return False` in a function annotated
        `-> bool` (`is_db_connectable`, `track_event`): a success flag, so False is how the caller
        learns the attempt failed. Not when the `try` can also answer False or a computed value
        (`return await storage.exists(key)`): there a failure passes for a real "no". A predicate
        (`-> bool` or named `is_`/`has_`) computing every answer as a truth value without awaiting
        has "False when it cannot tell" as its contract when it only reads its input (`urlparse`,
        `ip_address`: `is_valid_url`) or asks whether something is reachable (`is_online`)."""
        if self.silent_shape() != "return False" or not (self.in_bool_function or _predicate(self.function)):
            return False
        node = self.try_info.node
        returns = [r for stmt in node.body + node.orelse for r in _own_returns(stmt)]
        if self._cannot_tell(returns):
            return True
        return self.in_bool_function and _ends_returning_true((node.orelse or node.body)[-1]) \
            and all(isinstance(r.value, ast.Constant) and r.value.value is True for r in returns)

    def _cannot_tell(self, returns: list[ast.Return]) -> bool:
        """The predicate's every answer in the `try` is a computed truth value, nothing awaited, and
        it only reads its input or asks whether something is reachable: False means "cannot tell"."""
        return bool(returns) and not self.try_info.awaits and all(_truth_value(r.value) for r in returns) \
            and (_reads_input(self.try_info.calls) or named_as(self.function, _REACH_WORDS))

    def loses_nothing(self) -> bool:
        """The failure is the expected answer or nothing is lost by dropping it: a success flag
        (returned or assigned), one conversion of one value, best-effort teardown, a keep-alive
        loop, or a move on to the next candidate. broad-except and swallowed-exception both pass these."""
        return self.answers_false() or self.flags_failure() or self.parses_only() or self.cleanup_only() \
            or self.keeps_alive() or self.next_candidate() or self.retries_then_raises() or self.cannot_fail() \
            or self.enriches_report()

    def retries_then_raises(self) -> bool:
        """`while tries: try: ...; break / except Exception: tries -= 1; await asyncio.sleep(1)`, with
        a `raise` after the loop: a retry while a peer starts; the caller hears when every try failed."""
        loop = self.loop
        steps = [_retry_step(stmt) for stmt in self.node.body]
        if loop is None or not all(steps) or "wait" not in steps and not _paced_with_exit(loop, self.node):
            return False
        return any(isinstance(node, ast.Raise) and node.exc is not None
                   for node in self.nodes_after(loop.end_lineno or loop.lineno))

    def cannot_fail(self) -> bool:
        """The `try` only reads text it was given (`parts = name.split("_")`, `len(parts)`,
        `"_".join(parts[1:])`), nothing awaited: no dependency and no bug can fail there."""
        calls = self.try_info.calls
        return bool(calls) and not self.try_info.awaits and all(
            c.rsplit(".", 1)[-1] in _TEXT_METHODS or c in _PURE_BUILTINS for c in calls)

    def enriches_report(self) -> bool:
        """A `try` inside a handler that logs its failure with the traceback and raises (reading
        `exc.response.text` to add to the message): only the extra detail can be lost here."""
        outer = self.within
        return outer is not None and outer.logs_traceback and outer.reraises

    def flags_failure(self) -> bool:
        """`except Exception: ok = False` in a `-> bool` function: the success flag set by
        assignment and answered later (`subscribe(...) -> bool`) rather than returned at once."""
        body = self.node.body
        if not self.in_bool_function or len(body) != 1 or not isinstance(body[0], ast.Assign):
            return False
        stmt = body[0]
        return isinstance(stmt.value, ast.Constant) and stmt.value.value is False \
            and len(stmt.targets) == 1 and isinstance(stmt.targets[0], ast.Name)

    def parses_only(self) -> bool:
        """The `try` holds one statement converting one value (`n = int(text)`, `json.loads(raw)`,
        `raw.decode()`, `page["props"]["title"][0]`, `template.format(n=n)`, `os.environ.get(key,
        default)`), or only parses one text into data (see `_parses_text`), nothing awaited: only
        malformed input can fail there, so a broad catch hides no bug and its handler is the intended
        fallback (an error string, `{}`, the raw text)."""
        body = self.try_info.node.body
        if self.try_info.awaits:
            return False
        if len(body) == 1 and isinstance(body[0], _ONE_VALUE):
            calls = [dotted_str(c.func) for c in ast.walk(body[0]) if isinstance(c, ast.Call)]
            converted = [c for c in calls if c.rsplit(".", 1)[-1] not in INSPECTING]
            if all(_converts(c) for c in converted) and (converted or _looks_up(body[0]) or _renders(calls)) \
                    or _reads_env(calls):
                return True
        return _parses_text(self.try_info.calls)

    def hands_on_error_text(self) -> str:
        """"returns" when the handler returns a value holding the error's text (`return False,
        str(e)`), "records" when it stores the text on an object (`step.output = str(e)`, shown to
        the user); "" otherwise. The failure is not hidden, only its traceback is lost."""
        caught = self.name
        for stmt in self.node.body if caught else ():
            value = stmt.value if isinstance(stmt, (ast.Return, ast.Assign)) else None
            if not mentions(value, {caught}):
                continue
            if isinstance(stmt, ast.Return):
                if isinstance(value, ast.Call):
                    continue  # `return JSONResponse(..., detail=str(e))`: a client's answer, no log on the server
                return "returns"
            if all(isinstance(t, (ast.Attribute, ast.Subscript)) for t in stmt.targets):
                return "records"
        return ""

    def text_raised_later(self) -> bool:
        """The handler adds the error's text to a local (`errors.append(f"{type(e).__name__}: {e}")`,
        `error += f"... {e}"`) that a `raise` after it carries (`raise ValueError("; ".join(errors))`):
        the failure reaches the caller, only this attempt's traceback is dropped."""
        kept = {name for stmt in self.node.body if (name := _text_kept_in(stmt, self.name))}
        end = self.node.end_lineno or self.node.lineno
        return bool(kept) and any(isinstance(node, ast.Raise) and node.exc is not None and mentions(node.exc, kept)
                                  for node in self.nodes_after(end))

    def replaces_result(self) -> bool:
        """The body only assigns what the `try` would have assigned, computed from other data
        (`encoder = encoding_for(default_model)`, `self.pos = Point(self.w / 2, self.h / 2)`): a
        designed degradation to a usable default, only the reason is lost. Not a placeholder
        (`allowed = False`, `config = {}`): there the failure passes for a real answer."""
        assigned = {ast.unparse(t) for stmt in self.try_info.node.body for node in ast.walk(stmt)
                    if isinstance(node, ast.Assign) for t in node.targets}
        written = [stmt for stmt in self.node.body if silent_statement(stmt) != "comment"]
        return bool(written) and all(isinstance(stmt, ast.Assign) and _derived(stmt.value, self.name)
                                     and all(ast.unparse(t) in assigned for t in stmt.targets) for stmt in written)

    def explained(self) -> bool:
        """A string literal in the body (`\"\"\"nothing to change: the request fails silently\"\"\"`):
        a comment written as a statement, as good as a `#` line."""
        return any(isinstance(stmt, ast.Expr) and isinstance(stmt.value, ast.Constant)
                   and isinstance(stmt.value.value, str) for stmt in self.node.body)

    def cleanup_only(self) -> bool:
        """Best-effort teardown: the `try` only closes or cancels things (`await ws.disconnect()`),
        or, caught as `BaseException`, only awaits a task it stopped (`task.cancel(); try: await
        task`), where the cancellation it re-raises is the expected outcome; or the handler sits in a
        finalizer (`__del__`), whose errors the interpreter ignores anyway ("Exception ignored in"),
        and may run at exit when half of what it touches is already gone."""
        body = self.try_info.node.body
        if _cleanup_only(body) or self.function.rsplit(".", 1)[-1] == "__del__":
            return True
        return len(body) == 1 and isinstance(body[0], ast.Expr) and isinstance(body[0].value, ast.Await) \
            and not isinstance(body[0].value.value, ast.Call) and self.catches_base_exception

    def spawns_only(self) -> bool:
        """The `try` only schedules coroutines (`asyncio.create_task(store(x))`): their failures
        happen inside the task, never here, so the handler covers nothing but the scheduling."""
        body = self.try_info.node.body
        return all(isinstance(stmt, ast.Expr) and isinstance(stmt.value, ast.Call)
                   and dotted_str(stmt.value.func).rsplit(".", 1)[-1] in SPAWNS for stmt in body)

    def keeps_alive(self) -> bool:
        """A keep-alive loop (`_ping_loop`, `heartbeat`): a failed ping only ends the pinging; the
        connection's own reader reports the dead socket."""
        return keepalive_function(self.function) and (self.in_loop or any(
            isinstance(n, (ast.While, ast.For, ast.AsyncFor)) for s in self.try_info.node.body for n in ast.walk(s)))

    def exit_call_line(self) -> int:
        """The line of the handler's closing call when it hands the caught error's text to a
        helper whose result is dropped (`fail(f"bad value: {exc}", code)`): if that project
        function never returns, the handler ends like a CLI exit. 0 otherwise."""
        call = called(self.node.body[-1])
        return call.lineno if call is not None and self.name and passes(call, {self.name}) else 0

    def single_call_line(self) -> int:
        """The line of the `try`'s only statement when it is one call (`await self._load()`): if
        that project function logs its failures before raising them again, nothing is lost here."""
        body = self.try_info.node.body
        call = called(body[0]) if len(body) == 1 else None
        return call.lineno if call is not None else 0

    def next_candidate(self) -> bool:
        """`pass`/`continue` to the next way of getting a value, in a function that ends raising
        its own error when none worked (see `tries_alternatives`)."""
        return self.tries_alternatives and self.silent_shape() in ("pass", "continue")

    def only_fallback(self) -> bool:
        """The body only assigns constants or text (`value = None`, `text = f"<error {exc}>"`): a
        default for a failed probe."""
        return all(isinstance(stmt, (ast.Assign, ast.AnnAssign))
                   and (_constant(stmt.value) or isinstance(stmt.value, ast.JoinedStr)) for stmt in self.node.body)

    def where(self) -> str:
        return f"`{self.function}`" if self.function else "module level"

    def try_does(self) -> str:
        calls = self.try_info.calls
        if not calls:
            first = self.try_info.node.body[0].lineno
            last = self.try_info.node.body[-1].end_lineno or first
            return f"the statements on lines {first}-{last}" if last > first else f"the statement on line {first}"
        shown = ", ".join(f"`{c}()`" for c in calls[:3])
        more = f" and {len(calls) - 3} more call(s)" if len(calls) > 3 else ""
        return shown + more


# A try body made only of these calls is best-effort cleanup; ignoring its failure is the idiom.
CLEANUP_CALLS = frozenset({
    "close", "aclose", "disconnect", "shutdown", "cancel", "unlink", "remove", "rmtree", "kill", "terminate",
    "release", "stop", "unsubscribe", "punsubscribe", "wait_closed", "dispose", "rmdir", "discard", "closeall",
})
# Builtins a cleanup guard may call: they only look at the object (`if hasattr(self, "pool"): ...`).
_GUARD_CALLS = frozenset({"hasattr", "getattr", "isinstance", "callable"})
SPAWNS = frozenset({"create_task", "ensure_future", "safe_ensure_future", "start_soon"})
KEEPALIVE_WORDS = frozenset({"ping", "pinger", "heartbeat", "keepalive"})


def named_as(qualname: str, words: frozenset[str]) -> bool:
    """The function's own name has one of `words` among its `_`-separated words (`_app_ping_loop`)."""
    return bool(words & set(qualname.rsplit(".", 1)[-1].lower().strip("_").split("_")))


def keepalive_function(qualname: str) -> bool:
    """Named as a keep-alive (`_app_ping_loop`, `send_heartbeat`)."""
    return named_as(qualname, KEEPALIVE_WORDS)


def _cleanup_only(body: list[ast.stmt]) -> bool:
    """Every statement closes or cancels something, or only does so under a test that only looks
    (`if ws.application_state != DISCONNECTED: await ws.close()`, `if hasattr(self, "pool")`); a log
    line saying so (`logger.info("cluster closed")`) may follow."""
    closing = [stmt for stmt in body if not _log_statement(stmt)]
    return bool(closing) and all(
        _cleanup_guarded(stmt) if isinstance(stmt, ast.If) else
        (call := called(stmt)) is not None and dotted_str(call.func).rsplit(".", 1)[-1] in CLEANUP_CALLS
        for stmt in closing)


def _log_statement(stmt: ast.stmt) -> bool:
    return isinstance(stmt, ast.Expr) and isinstance(stmt.value, ast.Call) and is_log_call(stmt.value)


def _cleanup_guarded(stmt: ast.If) -> bool:
    return all(isinstance(node.func, ast.Name) and node.func.id in _GUARD_CALLS
               for node in ast.walk(stmt.test) if isinstance(node, ast.Call)) and \
        _cleanup_only(stmt.body) and (not stmt.orelse or _cleanup_only(stmt.orelse))


_ONE_VALUE = (ast.Assign, ast.AnnAssign, ast.AugAssign, ast.Return, ast.Expr)
# Beyond `parse_call`: a byte decode, a module's parser or writer (`ast.parse`, `json.dumps`), and
# `repr(value)`, which runs the object's own `__repr__` (any error at all): a placeholder text is the fallback.
_CONVERSIONS = frozenset({"decode", "parse", "unparse", "dumps", "repr"})
# Data formats naming a helper that turns text into data (`clean_json`, `load_complex_json`).
_FORMAT_WORDS = frozenset({"json", "json5", "yaml", "toml", "xml", "csv"})
_TEXT_METHODS = frozenset({"strip", "lstrip", "rstrip", "split", "lower", "upper", "replace", "startswith",
                           "endswith", "join", "removeprefix", "removesuffix"})


def _converts(name: str) -> bool:
    """One value turned into another: a known parse (`json.loads`, `int`), a byte decode, or a
    module's parser (`ast.parse`; not `self.parse`, a project method doing anything)."""
    receiver, _, last = name.rpartition(".")
    if parse_call(name):
        return True
    return last in _CONVERSIONS and not _own_method(receiver)


def _parser_helper(name: str) -> bool:
    """A function named after the data format it reads (`load_complex_json`); not a method of the
    object (`self.parse_json_reply`), which can touch all of its state."""
    receiver, _, _ = name.rpartition(".")
    return named_as(name, _FORMAT_WORDS) and not _own_method(receiver)


def _own_method(receiver: str) -> bool:
    """The call goes through `self`/`cls` (`self.parse(...)`): a project method that can do anything."""
    return receiver.split(".", 1)[0] in ("self", "cls")


def _parses_text(calls: list[str]) -> bool:
    """Every call turns one text into data (`clean_json(raw)`, `json.loads`, `ToolCall(**item)`
    on the result, `.strip()`, `isinstance`, a log line) and one of them parses: a model's or
    peer's reply read with a fallback for when it does not parse."""
    return any(_parses(c) for c in calls) and all(_reads_data(c) for c in calls)


def _parses(name: str) -> bool:
    return _converts(name) or _parser_helper(name)


def _reads_data(name: str) -> bool:
    receiver, _, last = name.rpartition(".")
    logs = last in LOG_METHODS and names_logger(receiver)
    return _parses(name) or last in INSPECTING or last in _TEXT_METHODS \
        or last[:1].isupper() or logs  # a constructor of the parsed record (`ToolCall(**item)`)


def _renders(calls: list[str]) -> bool:
    """`template.format(top_k=k)`: one text template filled in (not a project method on `self`);
    only a template that names a missing or malformed field fails there."""
    rendered = [c for c in calls if c.rpartition(".")[2] in ("format", "format_map")]
    return bool(rendered) and all("." in c and not _own_method(c.rpartition(".")[0]) for c in rendered)


def _reads_env(calls: list[str]) -> bool:
    """`return os.environ.get(key, fallback)`: the one call reads the process environment, the
    handler's default is the documented answer for a variable that cannot be read."""
    return len(calls) == 1 and calls[0] in ENV_READS


def _looks_up(stmt: ast.stmt) -> bool:
    """A lookup into nested data (`title = page["props"][field]["title"][0]`): only a missing key fails."""
    value = getattr(stmt, "value", None)
    return isinstance(value, ast.Subscript) and not any(isinstance(n, (ast.Call, ast.Await)) for n in ast.walk(value))


def _text_kept_in(stmt: ast.stmt, caught: str) -> str:
    """The local a handler statement adds the caught error's text to (`errors.append(f"..{e}")`,
    `error += f"..{e}"`), else ""."""
    name, value = stored_into(stmt, KEEPING)
    return name if caught and mentions(value, {caught}) else ""


def mentions(node: ast.AST | None, names: set[str]) -> bool:
    """The expression reads one of the names (`f"failed: {e}"` mentions `e`)."""
    return node is not None and any(isinstance(n, ast.Name) and n.id in names for n in ast.walk(node))


# methods that add a value to the collection they are called on
_STORING = frozenset({"append", "extend", "add", "insert", "update"})
KEEPING = frozenset({"append", "extend", "add"})


def stored_into(stmt: ast.stmt, methods: frozenset[str] = _STORING) -> tuple[str, ast.expr | None]:
    """(the local the statement stores into, the stored value): `x = v`, `x: T = v`, `x += v`,
    `x.append(v)` (one of `methods`); ("", None) otherwise."""
    if isinstance(stmt, ast.AugAssign) and isinstance(stmt.target, ast.Name):
        return stmt.target.id, stmt.value
    if isinstance(stmt, (ast.Assign, ast.AnnAssign)):
        targets = stmt.targets if isinstance(stmt, ast.Assign) else [stmt.target]
        if len(targets) == 1 and isinstance(targets[0], ast.Name):
            return targets[0].id, stmt.value
    call = called(stmt)
    if call is not None and isinstance(call.func, ast.Attribute) and call.func.attr in methods \
            and isinstance(call.func.value, ast.Name):
        return call.func.value.id, call
    return "", None


def _ends_failing(node: ast.FunctionDef | ast.AsyncFunctionDef, returns: str) -> bool:
    """The function's last statement raises a new error, or answers `False` from a `-> bool`
    function (`_wait_until_ready(...) -> bool` polling, then `return False`): what no attempt
    before it achieved, the caller hears."""
    last = node.body[-1]
    if isinstance(last, ast.Raise):
        return last.exc is not None
    return isinstance(last, ast.Return) and isinstance(last.value, ast.Constant) and last.value.value is False \
        and returns == "bool"


def _paced_with_exit(loop: ast.AST, handler: ast.ExceptHandler) -> bool:
    """The loop around a handler that only moves on pauses each turn outside it and has a way out
    (`while True: try: ping(); break / except: pass`, then a deadline check that breaks and a
    `time.sleep(5)`): a readiness probe retrying, each failed try only means "not yet"."""
    own = [n for stmt in getattr(loop, "body", ()) for n in _own_nodes(stmt) if not _inside(n, handler)]
    paces = any(isinstance(n, ast.Call) and dotted_str(n.func).rsplit(".", 1)[-1] == "sleep" for n in own)
    exits = any(isinstance(n, ast.Break) for n in own) or not (
        isinstance(loop, ast.While) and isinstance(loop.test, ast.Constant) and loop.test.value)
    return paces and exits


def _own_nodes(node: ast.AST) -> Iterator[ast.AST]:
    """The nodes under `node` that belong to its loop: not inside a nested loop, function or class."""
    yield node
    for child in ast.iter_child_nodes(node):
        if not isinstance(child, (ast.For, ast.AsyncFor, ast.While, ast.FunctionDef, ast.AsyncFunctionDef,
                                  ast.ClassDef, ast.Lambda)):
            yield from _own_nodes(child)


def _inside(node: ast.AST, outer: ast.AST) -> bool:
    return getattr(outer, "lineno", 0) <= getattr(node, "lineno", -1) <= (getattr(outer, "end_lineno", 0) or 0)


def _retry_step(stmt: ast.stmt) -> str:
    """What a statement of a retry handler does: "wait" (count the attempt down, pause), "next"
    (move on, a comment), "" for anything else."""
    if isinstance(stmt, (ast.Pass, ast.Continue)) or silent_statement(stmt) == "comment":
        return "next"
    if isinstance(stmt, ast.AugAssign):
        return "wait" if isinstance(stmt.value, ast.Constant) else ""
    call = called(stmt)
    return "wait" if call is not None and dotted_str(call.func).rsplit(".", 1)[-1] == "sleep" else ""


def _derived(value: ast.expr, caught: str) -> bool:
    """The value reads a variable (not only calls a name, not only the caught error)."""
    callees = {id(n.func) for n in ast.walk(value) if isinstance(n, ast.Call)}
    return any(isinstance(n, ast.Name) and id(n) not in callees and n.id != caught for n in ast.walk(value))


def called(stmt: ast.stmt, kept: bool = False) -> ast.Call | None:
    """The call a statement makes and drops the result of (`fail(...)`, `await ws.close()`), else None;
    with `kept`, also one whose result it binds or returns (`x = f(...)`, `return await f(...)`): the
    call a statement does its work with."""
    value = stmt.value if isinstance(stmt, (ast.Expr, ast.Assign, ast.Return) if kept else ast.Expr) else None
    value = value.value if isinstance(value, ast.Await) else value
    return value if isinstance(value, ast.Call) else None


_PREDICATE_PREFIXES = ("is_", "has_", "can_", "should_")
_TRUTH_CALLS = frozenset({"all", "any", "bool", "isinstance", "issubclass", "hasattr", "callable", "startswith",
                          "endswith", "isdigit", "isalpha", "isalnum"})


_REACH_WORDS = frozenset({"connected", "online", "reachable", "alive", "available", "up"})


def _reads_input(calls: list[str]) -> bool:
    """The calls only convert or inspect a value (`urlparse(url.strip())`, `any(...)`), one converts."""
    return any(_converts(c) for c in calls) and all(
        _converts(c) or c.rsplit(".", 1)[-1] in _INPUT_READERS for c in calls)


def _predicate(qualname: str) -> bool:
    return qualname.rsplit(".", 1)[-1].lstrip("_").startswith(_PREDICATE_PREFIXES)


def _truth_value(node: ast.expr | None) -> bool:
    """An expression computing a truth value (`a == b`, `not x`, `all([...])`, `ip.is_private`), not
    one handing on what a call answered (`store.exists(k)`), where a failure would pass for a "no"."""
    if isinstance(node, ast.Constant):
        return isinstance(node.value, bool)
    if isinstance(node, ast.BoolOp):
        return all(_truth_value(v) for v in node.values)
    if isinstance(node, ast.Call):
        return dotted_str(node.func).rsplit(".", 1)[-1] in _TRUTH_CALLS
    if isinstance(node, ast.Attribute):
        return node.attr.startswith(_PREDICATE_PREFIXES)
    return isinstance(node, ast.Compare) or isinstance(node, ast.UnaryOp) and isinstance(node.op, ast.Not)


def _ends_returning_true(stmt: ast.stmt) -> bool:
    """The statement ends in `return True`, directly or as the last line of a `with` block: the
    attempt that got this far succeeded, whatever the function answers after the `try`."""
    while isinstance(stmt, (ast.With, ast.AsyncWith)):
        stmt = stmt.body[-1]
    return isinstance(stmt, ast.Return) and isinstance(stmt.value, ast.Constant) and stmt.value.value is True


def _own_returns(node: ast.AST) -> list[ast.Return]:
    """The `return` statements under `node`, nested functions and classes left out."""
    if isinstance(node, ast.Return):
        return [node]
    if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef, ast.Lambda)):
        return []
    return [r for child in ast.iter_child_nodes(node) for r in _own_returns(child)]


def _constant(node: ast.expr | None) -> bool:
    if isinstance(node, ast.Constant):
        return True
    return isinstance(node, (ast.List, ast.Tuple, ast.Set, ast.Dict)) and not getattr(node, "elts", None) \
        and not getattr(node, "keys", None)


def silent_statement(stmt: ast.stmt) -> str:
    """What a statement that does nothing says (`pass`, `continue`, "comment" for a docstring-like
    string, `...`, `return` of a constant), "" for a statement that does something."""
    if isinstance(stmt, ast.Pass):
        return "pass"
    if isinstance(stmt, ast.Continue):
        return "continue"
    if isinstance(stmt, ast.Expr) and isinstance(stmt.value, ast.Constant):
        return "..." if stmt.value.value is Ellipsis else "comment"
    if isinstance(stmt, ast.Return):
        value = stmt.value
        if value is None:
            return "return"
        if isinstance(value, ast.Constant):
            return f"return {value.value!r}"
        if _constant(value):
            return f"return {ast.unparse(value)}"
    return ""


def caught_types(node: ast.ExceptHandler) -> tuple[str, ...]:
    if node.type is None:
        return ()
    parts = node.type.elts if isinstance(node.type, ast.Tuple) else [node.type]
    return tuple(dotted_str(p) or ast.unparse(p) for p in parts)


def is_log_call(node: ast.Call) -> bool:
    func = node.func
    first = node.args[0].value if node.args and isinstance(node.args[0], ast.Constant) else None
    if isinstance(func, ast.Name):
        return func.id == "print" or level_wrapper_call(func.id, first)
    if not isinstance(func, ast.Attribute):
        return False
    receiver = func.value
    text = (dotted_str(receiver) or (dotted_str(receiver.func) if isinstance(receiver, ast.Call) else "")).lower()
    if func.attr in ("print", "write"):
        return "console" in text or "stderr" in text  # a CLI reporting to its user
    if dotted_str(func) == "warnings.warn":  # `warn` is also a logger method: the module decides
        return True
    if func.attr not in LOG_METHODS:
        return False
    return names_logger(text) or level_wrapper_call(func.attr, first)


def logs_traceback(node: ast.Call) -> bool:
    name = dotted_str(node.func)
    if name in TRACEBACK_CALLS or name.endswith(".capture_exception"):
        return True
    if not is_log_call(node):
        return False
    if isinstance(node.func, ast.Attribute) and node.func.attr == "exception":
        return True
    return _keeps_exc_info(node)


def _logger_method(value: ast.expr) -> bool:
    """`logger.warning`, or a choice between logger methods (`logger.warning if n == 1 else logger.debug`)."""
    if isinstance(value, ast.IfExp):
        return _logger_method(value.body) and _logger_method(value.orelse)
    return isinstance(value, ast.Attribute) and value.attr in LOG_METHODS \
        and names_logger(dotted_str(value.value) or "")


def _keeps_exc_info(node: ast.Call) -> bool:
    """A log call given `exc_info=` (anything but a false constant)."""
    for keyword in node.keywords:
        if keyword.arg == "exc_info":
            value = keyword.value
            return not (isinstance(value, ast.Constant) and not value.value)
    return False


_BLOCK_FIELDS = ("body", "orelse", "finalbody", "cases")  # the fields that hold statements (or match cases)
_block_fields_of: dict[type, tuple[str, ...]] = {}


def _block_fields(kind: type) -> tuple[str, ...]:
    """The fields of a node type that hold statements; () for simple statements and expressions."""
    found = _block_fields_of.get(kind)
    if found is None:
        holds = issubclass(kind, (ast.stmt, ast.mod, ast.match_case))  # an IfExp's body is an expression
        found = _block_fields_of[kind] = tuple(f for f in kind._fields if holds and f in _BLOCK_FIELDS)
    return found


class _Walker(FastVisitor):
    """Collects handlers with their context; `regions` is the try-body/handler nesting of
    the current function (reset at each def, so nested functions count for themselves)."""

    def __init__(self, try_lines: list[int] | None = None) -> None:
        self.try_lines = try_lines  # lines of every `try` inside a function, sorted; None: unknown
        self.handlers: list[Handler] = []
        self.scope: list[str] = []
        self.function = ""
        self.is_async = False
        self.loops: list[ast.AST] = []
        self.regions: list[TryInfo | Handler] = []
        self.quiet = 0  # > 0 while visiting where a name is only inspected
        self.returns = ""  # the current function's return annotation as written
        self.ends_raising = False  # the current function's last statement raises a new error
        self.log_aliases: set[str] = set()  # locals bound to a logger method (`log = logger.warning`)
        self.scope_node: ast.AST | None = None  # the current function, or the module
        self.following: dict[int, list[ast.stmt]] = {}  # id of a `try` -> the statements after it

    def _note_tries(self, block: list[ast.stmt]) -> None:
        """Before a block is walked, the statements following each `try` in it (`TryInfo.following`):
        a `try` is only ever visited from the block holding it."""
        for index, stmt in enumerate(block):
            if isinstance(stmt, (ast.Try, ast.TryStar)):
                self.following[id(stmt)] = block[index + 1:]

    def generic_visit(self, node: ast.AST) -> None:
        """Outside every try body and handler an expression changes nothing here (it can hold
        no `try`), so only the statements are walked there: most of a file is skipped."""
        for field_name in _block_fields(type(node)):
            self._note_tries(getattr(node, field_name))
        if self.regions:
            super().generic_visit(node)
            return
        for field_name in _block_fields(type(node)):
            for item in getattr(node, field_name):
                self.visit(item)

    # ----- scopes ----------------------------------------------------------------------------
    def visit_ClassDef(self, node: ast.ClassDef) -> None:
        self.scope.append(node.name)
        self.generic_visit(node)
        self.scope.pop()

    def visit_FunctionDef(self, node: ast.FunctionDef | ast.AsyncFunctionDef) -> None:
        saved = (self.function, self.is_async, self.loops, self.regions, self.returns, self.log_aliases,
                 self.ends_raising, self.scope_node)
        for deco in node.decorator_list:
            self.visit(deco)
        if self.try_lines is not None and not _any_between(self.try_lines, node.lineno, node.end_lineno or node.lineno):
            return  # no `try` in the body: nothing in it concerns a handler
        qual = ".".join([*self.scope, node.name]) if not self.function else f"{self.function}.<locals>.{node.name}"
        self.function, self.is_async, self.loops, self.regions = qual, isinstance(node, ast.AsyncFunctionDef), [], []
        self.returns, self.log_aliases = ast.unparse(node.returns) if node.returns else "", set()
        self.ends_raising = _ends_failing(node, self.returns)
        self.scope_node = node
        self.scope.append(node.name)
        self._note_tries(node.body)
        for stmt in node.body:
            self.visit(stmt)
        self.scope.pop()
        (self.function, self.is_async, self.loops, self.regions, self.returns, self.log_aliases,
         self.ends_raising, self.scope_node) = saved

    visit_AsyncFunctionDef = visit_FunctionDef

    def visit_Lambda(self, node: ast.Lambda) -> None:
        saved, self.regions = self.regions, []
        self.visit(node.body)
        self.regions = saved

    # ----- loops and try ---------------------------------------------------------------------
    def _loop(self, node: ast.For | ast.AsyncFor | ast.While) -> None:
        self._mark_await(isinstance(node, ast.AsyncFor))
        self.visit(node.test if isinstance(node, ast.While) else node.iter)
        self.loops.append(node)
        self._note_tries(node.body)
        self._note_tries(node.orelse)
        for stmt in node.body:
            self.visit(stmt)
        self.loops.pop()
        for stmt in node.orelse:
            self.visit(stmt)

    visit_For = visit_AsyncFor = visit_While = _loop

    def visit_Try(self, node: ast.Try) -> None:
        info = TryInfo(node, following=self.following.pop(id(node), []))
        within = next((r for r in reversed(self.regions) if isinstance(r, Handler)), None)
        for block in (node.body, *(clause.body for clause in node.handlers), node.orelse, node.finalbody):
            self._note_tries(block)
        self.regions.append(info)
        for stmt in node.body:
            self.visit(stmt)
        self.regions.pop()
        forever = any(isinstance(loop, ast.While) and isinstance(loop.test, ast.Constant) and loop.test.value
                      for loop in self.loops)
        for clause in node.handlers:
            handler = Handler(clause, info, self.function, self.is_async, bool(self.loops), forever,
                              caught_types(clause), returns=self.returns,
                              tries_alternatives=self.ends_raising, scope=self.scope_node,
                              loop=self.loops[-1] if self.loops else None, within=within)
            self.handlers.append(handler)
            if clause.type is not None:
                self.visit(clause.type)
            self.regions.append(handler)
            for stmt in clause.body:
                self.visit(stmt)
            self.regions.pop()
        for stmt in node.orelse + node.finalbody:
            self.visit(stmt)

    visit_TryStar = visit_Try

    # ----- what happens inside ---------------------------------------------------------------
    def _handlers(self) -> list[Handler]:
        return [r for r in self.regions if isinstance(r, Handler)]

    def _mark_await(self, awaits: bool) -> None:
        if awaits:
            for region in self.regions:
                if isinstance(region, TryInfo):
                    region.awaits = True

    def visit_Await(self, node: ast.Await) -> None:
        self._mark_await(True)
        self.generic_visit(node)

    def visit_AsyncWith(self, node: ast.AsyncWith) -> None:
        self._mark_await(True)
        self.generic_visit(node)

    def visit_Raise(self, node: ast.Raise) -> None:
        handlers = self._handlers()
        for handler in handlers:
            handler.reraises = True
        if handlers:
            handlers[-1].raises.append(node)
        self.generic_visit(node)

    def visit_Call(self, node: ast.Call) -> None:
        name = dotted_str(node.func)
        for region in self.regions:
            if isinstance(region, TryInfo) and name and name not in region.calls:
                region.calls.append(name)
        alias = isinstance(node.func, ast.Name) and node.func.id in self.log_aliases
        keeps = _keeps_exc_info(node)  # `self.logger().network(msg, exc_info=True)`: forwarded to `Logger.log`
        logging_call = alias or keeps or is_log_call(node)
        self._mark_handlers(node, name, logging_call, keeps)
        if logging_call or name in INSPECTING:
            self._quiet(node)
        else:
            self.generic_visit(node)

    def _mark_handlers(self, node: ast.Call, name: str, logging_call: bool, keeps: bool) -> None:
        """What a call inside handlers tells of them: it logs, keeps the traceback, or exits."""
        handlers = self._handlers()
        if not handlers:
            return
        traceback = keeps or logs_traceback(node) or bool(_ERROR_HOOK.search(name.rsplit(".", 1)[-1]))
        if traceback:
            handlers[-1].traceback_lines.append(node.lineno)
        for handler in handlers:
            handler.logs = handler.logs or logging_call or traceback
            handler.logs_traceback = handler.logs_traceback or traceback
            handler.reraises = handler.reraises or name in EXITS or _exits_with(node, name, handler.name)

    def visit_Assign(self, node: ast.Assign) -> None:
        """`log = self.logger.warning if first else self.logger.debug`: a call of `log(...)` logs."""
        if len(node.targets) == 1 and isinstance(node.targets[0], ast.Name) and _logger_method(node.value):
            self.log_aliases.add(node.targets[0].id)
        self.generic_visit(node)

    def _quiet(self, node: ast.AST) -> None:
        """Visit children where a mention of the exception does not hand the object on."""
        self.quiet += 1
        self.generic_visit(node)
        self.quiet -= 1

    def visit_FormattedValue(self, node: ast.FormattedValue) -> None:
        self._quiet(node)

    def visit_Attribute(self, node: ast.Attribute) -> None:
        self._quiet(node)  # `exc.args`, `exc.code`: a detail, not the exception

    def visit_Name(self, node: ast.Name) -> None:
        if isinstance(node.ctx, ast.Load) and not self.quiet:
            for handler in self._handlers():
                if handler.name == node.id:
                    handler.passes_exception = True


# Calls that end the process, as written in the file: the error is not swallowed.
EXITS = frozenset(name.removeprefix("builtins.") for name in PROCESS_EXITS if name != "builtins.SystemExit")
# A CLI's own way out (`exit_with_error(...)`, `exit_fn(...)`): raises `SystemExit` with a message.
_EXIT_HELPER = re.compile(r"^_?exit_\w+$")


def _exits_with(node: ast.Call, name: str, caught: str) -> bool:
    """`exit_with_error(f"Failed: {exc}")`: the command stops and shows the error's text, so the
    failure neither passes unseen nor lets the command carry on. An exit whose message drops the
    error (`exit_with_error("Failed to fetch")`) still hides the cause."""
    return bool(caught) and bool(_EXIT_HELPER.match(name.rsplit(".", 1)[-1])) and passes(node, {caught})


def passes(call: ast.Call, names: set[str]) -> bool:
    """An argument of the call uses one of the names (`fail(f"bad value: {exc}")`)."""
    return any(mentions(arg, names) for arg in [*call.args, *(k.value for k in call.keywords)])
# Calls that only look at the exception (type checks, text): the traceback still goes nowhere.
INSPECTING = frozenset({"str", "repr", "format", "isinstance", "issubclass", "type", "hasattr", "getattr", "len"})
# Builtins that only read a value they are given (unlike `getattr`, which runs a property).
_PURE_BUILTINS = frozenset({"len", "str", "isinstance", "type"})
# Calls a predicate reading its input may make besides conversions (`url.strip()`, `any(...)`).
_INPUT_READERS = INSPECTING | _TRUTH_CALLS | _TEXT_METHODS
# Error hooks of frameworks (`Handler.handleError`, `on_error`, Sentry's `capture_*`).
_ERROR_HOOK = re.compile(r"^(handle_?error|on_?error|report_?error|capture_\w+|\w*traceback\w*|print_exc)$",
                         re.IGNORECASE)


_cache: tuple[ast.Module, list[Handler]] | None = None


def handlers_of(tree: ast.Module, facts: ModuleFacts | None = None) -> list[Handler]:
    """Every handler of the tree, from one walk shared by the rules that run on the same tree.
    With the file's facts, the walk skips the functions that hold no `try`."""
    global _cache
    if _cache is None or _cache[0] is not tree:
        walker = _Walker(_try_lines(facts) if facts is not None else None)
        walker.scope_node = tree
        walker.visit(tree)
        _cache = (tree, walker.handlers)
    return _cache[1]


def _try_lines(facts: ModuleFacts) -> list[int]:
    """The lines of the `try` statements inside functions (the extractor records each one as a
    block of its innermost function), sorted."""
    return sorted(block["line"] for func in facts.functions.values() for block in func.extra.get("blocks", ())
                  if block["kind"] == "try")


def _any_between(lines: list[int], first: int, last: int) -> bool:
    index = bisect_left(lines, first)
    return index < len(lines) and lines[index] <= last


def unless_callees(handlers: list[Handler], check: str, line_of) -> dict:
    """`Finding.extra` naming the project call of each handler (`line_of(handler)`) that would
    clear the finding if `check` holds for it (see `model.exits`); {} when one has no such call."""
    lines = [line_of(h) for h in handlers]
    if not all(lines):
        return {}
    return {"unless": [{"check": check, "function": h.function, "line": line} for h, line in zip(handlers, lines)]}


def handler_location_end(handler: Handler, max_lines: int = 4) -> int:
    """The last line to cite for a handler: the clause and the start of its body."""
    end = handler.node.end_lineno or handler.node.lineno
    return min(end, handler.node.lineno + max_lines - 1)


def commented(lines: list[str], handler: dict) -> bool:
    """A comment line above the `except` or in the handler, or one after its `pass`: a documented decision."""
    above, body = lines[max(handler["line"] - 2, 0):handler["line"]], lines[handler["line"]:handler["end"]]
    return any(line.lstrip().startswith("#") for line in above + body) or any("# " in line for line in body)
