"""`try`/`except`/`finally`, `with` and `raise`: their extra["blocks"] entries, the locks and
context managers held around a call, and which handlers read the exception they catch.
"""
from __future__ import annotations

import ast

from ...knowledge.locks import is_lock_name
from ..types import FunctionFacts, LockUse
from ..values import dotted_str, value_of
from ..visitor import contains
from .state import WalkState


class BlockFacts(WalkState):
    """Records try/except/finally, with and raise blocks."""

    def visit_ExceptHandler(self, node: ast.ExceptHandler) -> None:
        if node.name:
            self._bound_here(node.name)
        self._cog(1 + self.frame.nesting)
        if node.type is not None:
            self.visit(node.type)
        block = self.handler_blocks.pop(id(node), None)
        if block is not None:
            self.open_handlers.append((node.name, block))
        self._nested(node.body)
        if block is not None:
            self.open_handlers.pop()

    def visit_Try(self, node: ast.Try) -> None:
        self._cc(len(node.handlers) + bool(node.orelse))
        self._record_try(node)
        saved = self.frame.in_try
        self.frame.in_try = saved or bool(node.handlers)
        guard = any(_catches_name_error(h.type) for h in node.handlers)
        self.name_guard += guard
        self._walk_body(node.body)
        self.name_guard -= guard
        self.frame.in_try = saved
        for handler in node.handlers:
            self.visit(handler)
        self._walk_body(node.orelse)
        self._walk_body(node.finalbody)

    visit_TryStar = visit_Try

    def _with(self, node: ast.With | ast.AsyncWith) -> None:
        pushed: list[str] = []
        entered: list[str] = []
        func = self.frame.facts
        for item in node.items:
            expr = item.context_expr
            is_call = isinstance(expr, ast.Call)
            if is_call and isinstance(node, ast.AsyncWith):
                self.awaited.add(id(expr))  # before the visit records the call
                self.used_as[id(expr)] = "async-with"
            self.visit(expr)
            name = dotted_str(expr.func if is_call else expr)
            self._block("with", node, expr=name if is_call else name or _chain_text(expr),
                        is_async=isinstance(node, ast.AsyncWith))
            if isinstance(item.optional_vars, ast.Name) and func is not None:
                bound = value_of(expr)
                if isinstance(bound, dict) and ("call" in bound or "ref" in bound):
                    bound["entered"] = True  # `with f() as x`: x is what the context manager's __enter__ gives
                func.local_types.setdefault(item.optional_vars.id, bound)
            if name and func is not None:
                self._enter_named(func, node, name, is_call, entered, pushed)
                if is_call and entered and func.extra["withs"][-1]["expr"] == f"{name}()":
                    _note_key_names(func.extra["withs"][-1], expr)
            if item.optional_vars is not None:
                self.visit(item.optional_vars)
        saved, saved_withs = self.frame.locks, self.frame.withs
        self.frame.locks = saved + tuple(pushed)
        self.frame.withs = saved_withs + tuple(entered)
        self._walk_body(node.body)
        self.frame.locks, self.frame.withs = saved, saved_withs
        for _ in pushed:
            self.frame.lock_stack.pop()

    visit_With = visit_AsyncWith = _with

    def _enter_named(self, func: FunctionFacts, node: ast.With | ast.AsyncWith, name: str, is_call: bool,
                     entered: list[str], pushed: list[str]) -> None:
        """A context manager named by a chain (`async with locks.members:`, recorded in
        extra["withs"] so rules can prove a lock by its type) or handed out by a lock-named
        helper (`async with self._driver_lock(driver_id):`); a lock-named chain is also a LockUse."""
        lock_named = is_lock_name(name.split(".")[-1])
        if is_call:  # also a method of a lock registry: `locks.flight(id)`, `user_locks.hold(key)`
            if lock_named or any(is_lock_name(part) for part in name.split(".")[:-1]):
                self._entered(func, f"{name}()", node, entered)
            return
        self._entered(func, name, node, entered)
        if lock_named:
            use = LockUse(expr=name, line=node.lineno, end_line=node.end_lineno or node.lineno,
                          is_async=isinstance(node, ast.AsyncWith), held_outer=self.frame.locks)
            func.locks.append(use)
            self.frame.lock_stack.append(use)
            pushed.append(name)

    def _entered(self, func: FunctionFacts, expr: str, node: ast.With | ast.AsyncWith, entered: list[str]) -> None:
        """Record a context manager entered by name (extra["withs"]) and add it to `entered`."""
        func.extra.setdefault("withs", []).append(
            {"expr": expr, "line": node.lineno, "end": node.end_lineno or node.lineno,
             "async": isinstance(node, ast.AsyncWith), "outer": self.frame.withs + tuple(entered)})
        entered.append(expr)

    def _record_try(self, node: ast.Try) -> None:
        body_end = node.body[-1].end_lineno or node.lineno
        self._block("try", node, end=body_end, handled=bool(node.handlers))
        for handler in node.handlers:
            block = self._block("except", handler, try_line=node.lineno, types=_handler_types(handler.type),
                                name=handler.name or "", exit=_handler_exit(handler), raises=_always_raises(handler))
            if block is not None and handler.name:
                self.handler_blocks[id(handler)] = block
            if block is not None:
                self._note_other_path(handler, block)
        if node.finalbody:
            self._block("finally", node.finalbody[0], end=node.finalbody[-1].end_lineno or 0, try_line=node.lineno)

    def _note_other_path(self, handler: ast.ExceptHandler, block: dict) -> None:
        """A handler that answers the exception with a result of its own takes another path, it
        does not drop a failure: it returns a value (`return url, Kind.HLS`), or binds a name to
        one that the function reads further down (`kind = Kind.HLS`, then `return url, kind`;
        marked by `_picked_read`). A flag or an emptied value (`ok = False`, `rows = []`) is no result."""
        if _returns_value(handler):
            block["other_path"] = True
        for stmt in handler.body:
            targets = stmt.targets if isinstance(stmt, ast.Assign) else [stmt.target] \
                if isinstance(stmt, ast.AnnAssign) and stmt.value is not None else []
            for target in targets:
                if isinstance(target, ast.Name) and not _flag_value(stmt.value):
                    self.picked.setdefault((id(self.frame.facts), target.id), []).append(block)

    def visit_Raise(self, node: ast.Raise) -> None:
        exc = node.exc.func if isinstance(node.exc, ast.Call) else node.exc
        # `from None` chains nothing: it drops the caught exception, so it is no cause
        chained = node.cause is not None and not (isinstance(node.cause, ast.Constant) and node.cause.value is None)
        self._block("raise", node, exc=dotted_str(exc) if exc is not None else "", cause=chained)
        if node.exc is not None:
            self.visit(node.exc)
        if node.cause is not None:
            self.in_cause += 1
            self.visit(node.cause)
            self.in_cause -= 1

    def _handler_reads(self, name: str) -> None:
        """A read of a caught exception's name inside its handler (`str(exc)`, `exc.detail`, `{exc}`)
        marks the handler's block "uses_name": the exception is passed on. Text that only mentions
        the name (a string, a comment) is no read, nor is `raise X(...) from exc` (the raise's "cause")."""
        for bound, block in self.open_handlers:
            if bound == name:
                block["uses_name"] = True


def _chain_text(node: ast.expr) -> str:
    """`self._locks_for(key).members` as "self._locks_for.().members": a chain through a call or a
    subscript, which `dotted_str` leaves empty ("" for anything else)."""
    parts: list[str] = []
    while not isinstance(node, ast.Name):
        if isinstance(node, ast.Attribute):
            parts.append(node.attr)
            node = node.value
        elif isinstance(node, (ast.Call, ast.Subscript)):
            parts.append("()" if isinstance(node, ast.Call) else "[]")
            node = node.func if isinstance(node, ast.Call) else node.value
        else:
            return ""
    return ".".join([node.id, *reversed(parts)])


def _catches_name_error(node: ast.expr | None) -> bool:
    # Only a bare or an explicit `NameError` catch is a feature test (`try: unicode except NameError:`);
    # `except Exception:` around a worker's body hides the NameError on every pass, it tests nothing.
    names = {t.rsplit(".", 1)[-1] for t in _handler_types(node)} if node is not None else {"*"}
    return bool(names & {"*", "NameError"})


def _handler_exit(handler: ast.ExceptHandler) -> str:
    """How a handler ends when its last statement is a bare `pass`/`continue`/`break`/`return`
    (with or without a value), else "": tells a skip from a handler that does more."""
    last = handler.body[-1]
    if isinstance(last, ast.Return):
        return "return"
    return {ast.Pass: "pass", ast.Continue: "continue", ast.Break: "break"}.get(type(last), "")


def _returns_value(handler: ast.ExceptHandler) -> bool:
    """The handler ends by returning a result of its own, not nothing, a flag or an empty value."""
    last = handler.body[-1]
    return isinstance(last, ast.Return) and last.value is not None and not _flag_value(last.value)


def _flag_value(value: ast.expr | None) -> bool:
    """`None`, a bool, a number, `""` or an empty container: what a handler sets to say "it failed"
    (or to leave a result empty), as opposed to a value naming another outcome."""
    if isinstance(value, ast.Constant):
        return not (isinstance(value.value, str) and value.value)
    if isinstance(value, (ast.List, ast.Tuple, ast.Set)):
        return not value.elts
    if isinstance(value, ast.Dict):
        return not value.keys
    if isinstance(value, ast.UnaryOp):
        return isinstance(value.operand, ast.Constant)
    return value is None


def _always_raises(handler: ast.ExceptHandler) -> bool:
    """A `raise` among the handler's own statements with no `continue`/`break`/`return` before it
    that could leave first: every failure it catches propagates (no second attempt in a loop)."""
    for stmt in handler.body:
        if isinstance(stmt, ast.Raise):
            return True
        if contains([stmt], (ast.Continue, ast.Break, ast.Return)):
            return False
    return False


def _handler_types(node: ast.expr | None) -> list[str]:
    """The dotted exception names an `except` clause catches; [] for a bare `except:`."""
    if node is None:
        return []
    if isinstance(node, ast.Tuple):
        return [dotted_str(elt) or "?" for elt in node.elts]
    return [dotted_str(node) or "?"]


def _note_key_names(entry: dict, call: ast.Call) -> None:
    """`async with locks.get(f"stand:{stand_id}"):`: the name chains an f-string key interpolates, so a
    per-key lock taken elsewhere with the same template and value is known to be the same lock."""
    if len(call.args) != 1 or call.keywords or not isinstance(call.args[0], ast.JoinedStr):
        return
    holes = [dotted_str(part.value) for part in call.args[0].values if isinstance(part, ast.FormattedValue)]
    if holes and all(holes):  # names or a value's attributes (`f"employer:{employer.id}"`)
        entry["key_names"] = holes
