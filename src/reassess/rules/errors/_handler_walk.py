"""The walk over a file's tree that builds a `Handler` for every `except` clause.

Kept apart from `handlers`, which runs it once per tree and shares the result.
"""
from __future__ import annotations

import ast
import re
from bisect import bisect_left

from ...facts.values import dotted_str
from ...facts.visitor import FastVisitor
from ...knowledge.exceptions import PROCESS_EXITS
from ._handler_logging import ERROR_HOOK, is_log_call, keeps_exc_info, logger_method, logs_traceback
from ._handler_record import Handler, TryInfo
from ._handler_shapes import INSPECTING, caught_types, ends_failing, passes


_BLOCK_FIELDS = ("body", "orelse", "finalbody", "cases")  # the fields that hold statements (or match cases)
_block_fields_of: dict[type, tuple[str, ...]] = {}


def _block_fields(kind: type) -> tuple[str, ...]:
    """The fields of a node type that hold statements; () for simple statements and expressions."""
    found = _block_fields_of.get(kind)
    if found is None:
        holds = issubclass(kind, (ast.stmt, ast.mod, ast.match_case))  # an IfExp's body is an expression
        found = _block_fields_of[kind] = tuple(f for f in kind._fields if holds and f in _BLOCK_FIELDS)
    return found


class HandlerWalker(FastVisitor):
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
        self.ends_raising = ends_failing(node, self.returns)
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
        keeps = keeps_exc_info(node)  # `self.logger().network(msg, exc_info=True)`: forwarded to `Logger.log`
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
        traceback = keeps or logs_traceback(node) or bool(ERROR_HOOK.search(name.rsplit(".", 1)[-1]))
        if traceback:
            handlers[-1].traceback_lines.append(node.lineno)
        for handler in handlers:
            handler.logs = handler.logs or logging_call or traceback
            handler.logs_traceback = handler.logs_traceback or traceback
            handler.reraises = handler.reraises or name in EXITS or _exits_with(node, name, handler.name)

    def visit_Assign(self, node: ast.Assign) -> None:
        """`log = self.logger.warning if first else self.logger.debug`: a call of `log(...)` logs."""
        if len(node.targets) == 1 and isinstance(node.targets[0], ast.Name) and logger_method(node.value):
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


def _any_between(lines: list[int], first: int, last: int) -> bool:
    index = bisect_left(lines, first)
    return index < len(lines) and lines[index] <= last
