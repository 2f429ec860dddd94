"""The `Handler` record: one `except` clause and what its body does.

Its methods answer the questions the error-handling rules share (does it lose anything,
is it cleanup, a success flag), so each rule reads the same answers.
"""
from __future__ import annotations

import ast
from collections.abc import Iterator
from dataclasses import dataclass, field

from ...facts.values import dotted_str
from ...knowledge.exceptions import BROAD
from ._handler_shapes import (INSPECTING, ONE_VALUE, PURE_BUILTINS, REACH_WORDS, SPAWNS, TEXT_METHODS, called,
                              cleanup_statements, converts, derived, ends_returning_true, is_constant,
                              keepalive_function, looks_up, mentions, named_as, named_as_predicate, own_returns,
                              paced_with_exit, parses_text, passes, reads_env, reads_input, renders, retry_step,
                              silent_statement, text_kept_in, truth_value)


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
        if self.silent_shape() != "return False" or not (self.in_bool_function or named_as_predicate(self.function)):
            return False
        node = self.try_info.node
        returns = [r for stmt in node.body + node.orelse for r in own_returns(stmt)]
        if self._cannot_tell(returns):
            return True
        return self.in_bool_function and ends_returning_true((node.orelse or node.body)[-1]) \
            and all(isinstance(r.value, ast.Constant) and r.value.value is True for r in returns)

    def _cannot_tell(self, returns: list[ast.Return]) -> bool:
        """The predicate's every answer in the `try` is a computed truth value, nothing awaited, and
        it only reads its input or asks whether something is reachable: False means "cannot tell"."""
        return bool(returns) and not self.try_info.awaits and all(truth_value(r.value) for r in returns) \
            and (reads_input(self.try_info.calls) or named_as(self.function, REACH_WORDS))

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
        steps = [retry_step(stmt) for stmt in self.node.body]
        if loop is None or not all(steps) or "wait" not in steps and not paced_with_exit(loop, self.node):
            return False
        return any(isinstance(node, ast.Raise) and node.exc is not None
                   for node in self.nodes_after(loop.end_lineno or loop.lineno))

    def cannot_fail(self) -> bool:
        """The `try` only reads text it was given (`parts = name.split("_")`, `len(parts)`,
        `"_".join(parts[1:])`), nothing awaited: no dependency and no bug can fail there."""
        calls = self.try_info.calls
        return bool(calls) and not self.try_info.awaits and all(
            c.rsplit(".", 1)[-1] in TEXT_METHODS or c in PURE_BUILTINS for c in calls)

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
        default)`), or only parses one text into data (see `parses_text`), nothing awaited: only
        malformed input can fail there, so a broad catch hides no bug and its handler is the intended
        fallback (an error string, `{}`, the raw text)."""
        body = self.try_info.node.body
        if self.try_info.awaits:
            return False
        if len(body) == 1 and isinstance(body[0], ONE_VALUE):
            calls = [dotted_str(c.func) for c in ast.walk(body[0]) if isinstance(c, ast.Call)]
            converted = [c for c in calls if c.rsplit(".", 1)[-1] not in INSPECTING]
            if all(converts(c) for c in converted) and (converted or looks_up(body[0]) or renders(calls)) \
                    or reads_env(calls):
                return True
        return parses_text(self.try_info.calls)

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
        kept = {name for stmt in self.node.body if (name := text_kept_in(stmt, self.name))}
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
        return bool(written) and all(isinstance(stmt, ast.Assign) and derived(stmt.value, self.name)
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
        if cleanup_statements(body) or self.function.rsplit(".", 1)[-1] == "__del__":
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
                   and (is_constant(stmt.value) or isinstance(stmt.value, ast.JoinedStr)) for stmt in self.node.body)

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
