"""`if`/`match`/boolean branches: the if-block facts of coroutines and sync functions, the
`TYPE_CHECKING` and `__main__` guards, and the complexity they add.
"""
from __future__ import annotations

import ast

from .. import fallbacks, literaltests
from ..guards import is_main_guard, python2_uses, windows_uses
from ..types import FunctionFacts
from ..values import dotted_str, value_of
from ..visitor import walk
from .state import WalkState


_EXISTENCE = frozenset({"exists", "isfile", "isdir", "lexists", "is_file", "is_dir"})


class BranchFacts(WalkState):
    """Records branches: `if` blocks and what their tests read, guards, cyclomatic and cognitive counts."""

    def visit_If(self, node: ast.If) -> None:
        test = dotted_str(node.test)
        if test.endswith("TYPE_CHECKING") and not self.in_function:
            previous, self.type_checking = self.type_checking, True
            self.visit(node.test)
            self._walk_body(node.body)
            self.type_checking = previous
            self._walk_body(node.orelse)
            return
        if not self.in_function and not self.scopes and is_main_guard(node.test):
            self._main_block(node)
            return
        self._elif(node, elif_=False)

    def _main_block(self, node: ast.If) -> None:
        """`if __name__ == "__main__":` runs only as a script: its imports are not load-time edges."""
        self.visit(node.test)
        previous, self.main_guard = self.main_guard, True
        self._walk_body(node.body)
        self.main_guard = previous
        self._walk_body(node.orelse)

    def _if_block(self, node: ast.If) -> None:
        """extra["blocks"] entry for an `if` in a coroutine (what its test reads, whether it exits)."""
        detail = _if_detail(node)
        self._block("if", node, **{k: v for k, v in detail.items() if k not in ("kind", "line")})

    def _if_branches(self, node: ast.If, elif_: bool) -> None:
        """An `if` costs 1 plus nesting; an `elif` or `else` costs 1 (SonarSource)."""
        self._cc(1)
        self._cog(1 if elif_ else 1 + self.frame.nesting)
        self.visit(node.test)
        self._nested(node.body)
        orelse = node.orelse
        if len(orelse) == 1 and isinstance(orelse[0], ast.If):
            self._elif(orelse[0])
        elif orelse:
            self._cog(1)
            self._nested(orelse)

    def _elif(self, node: ast.If, elif_: bool = True) -> None:
        """An `if` (or the `elif` an `if` chains to): its block facts, then its branches."""
        self.windows_only |= windows_uses(node)
        self.python2_only |= python2_uses(node.test, node.body, node.orelse, self.version_flags)
        func = self.frame.facts
        if func is not None and func.is_async:
            self._if_block(node)
        elif func is not None:
            _path_check(func, node)
            func.extra.setdefault("sync_ifs", []).append(_if_detail(node))
        if func is not None:
            fallbacks.record(func, node)
        self._if_branches(node, elif_=elif_)

    def visit_IfExp(self, node: ast.IfExp) -> None:
        self.python2_only |= python2_uses(node.test, [node.body], [node.orelse], self.version_flags)
        if self.frame.facts is not None:
            fallbacks.record(self.frame.facts, node)
        self._decision(1)
        self.visit(node.test)
        self._nested([node.body, node.orelse])

    def visit_BoolOp(self, node: ast.BoolOp) -> None:
        self._cc(len(node.values) - 1)
        self._cog(1)
        for value in node.values:
            self.visit(value)

    def visit_Assert(self, node: ast.Assert) -> None:
        self._cc(1)
        counting, self.frame.count_cc = self.frame.count_cc, False
        self.generic_visit(node)
        self.frame.count_cc = counting

    def visit_Match(self, node: ast.Match) -> None:
        wildcard = any(getattr(case.pattern, "pattern", False) is None for case in node.cases)
        self._decision(max(0, len(node.cases) - wildcard))
        self.visit(node.subject)
        self._nested(node.cases)

    def visit_Compare(self, node: ast.Compare) -> None:
        if self.frame.facts is not None and not self.in_lambda:
            literaltests.note(node, self.frame.facts)
        self.generic_visit(node)


def _if_detail(node: ast.If) -> dict[str, object]:
    """An `if` block's entry: its lines, whether its body leaves, and what its test reads. Kept in
    extra["blocks"] for coroutines, and in extra["sync_ifs"] for plain functions (guards in sync
    helpers a request calls, without changing what the coroutine rules see). `truthy` names the
    variable of a bare `if flag:` test, whose body a caller passing a falsy constant switches off."""
    return {"kind": "if", "line": node.lineno, "end": node.body[-1].end_lineno or node.lineno,
            "else_line": node.orelse[0].lineno if node.orelse else 0,
            "else_end": node.orelse[-1].end_lineno or 0 if node.orelse else 0,
            "exits": isinstance(node.body[-1], (ast.Return, ast.Raise)), **_tail(node.body[-1]),
            "skips": isinstance(node.body[-1], ast.Continue), **_test_refs(node.test),
            **({"truthy": node.test.id} if type(node.test) is ast.Name else {})}


def _tail(last: ast.stmt) -> dict[str, object]:
    """The body's last statement when it is a call or a raise (its line, and the raised name of a
    bare `raise SystemExit`): a process exit ends the branch only as that statement, not as the last
    line of a loop or `try` around it."""
    if isinstance(last, ast.Raise) and isinstance(last.exc, (ast.Name, ast.Attribute)):
        return {"tail": last.lineno, "tail_raise": dotted_str(last.exc)}
    if isinstance(last, ast.Raise) or (isinstance(last, ast.Expr) and isinstance(last.value, ast.Call)):
        return {"tail": last.lineno}
    return {}


def _test_refs(test: ast.expr) -> dict[str, object]:
    """What an `if` test reads (for check-then-act questions): `self.x` / `name.attr` chains
    (two links), bare names, and calls with their first argument."""
    chains: list[str] = []
    names: list[str] = []
    calls: list[list] = []
    awaits = False
    for node in walk(test):
        awaits = awaits or isinstance(node, ast.Await)
        if isinstance(node, ast.Attribute) and isinstance(node.value, ast.Name):
            chains.append(f"{node.value.id}.{node.attr}")
        elif isinstance(node, ast.Name):
            names.append(node.id)
        elif isinstance(node, ast.Call):
            calls.append([dotted_str(node.func), value_of(node.args[0], deep=False) if node.args else None])
    found: dict[str, list[str]] = {"absent": [], "present": []}
    _presence(test, True, found)
    bounds = _int_bounds(test)
    return {"chains": sorted(set(chains)), "names": sorted(set(names)), "calls": calls[:8], "awaits": awaits,
            **found, **({"bounds": bounds} if bounds else {})}


_FLIPPED = {"Lt": "Gt", "LtE": "GtE", "Gt": "Lt", "GtE": "LtE", "Eq": "Eq", "NotEq": "NotEq"}


def _int_bounds(test: ast.expr) -> list[list]:
    """[chain, operator, number] of each comparison of a `name.attr` chain with an integer in the
    test (`resp.status != 200`, `400 <= resp.status < 500` gives two), the chain read on the left:
    what a status test lets through. Only present when there is one."""
    out: list[list] = []
    for node in walk(test):
        if not isinstance(node, ast.Compare):
            continue
        operands = [node.left, *node.comparators]
        for op, left, right in zip(node.ops, operands, operands[1:]):
            name = type(op).__name__
            if name not in _FLIPPED:
                continue
            if isinstance(left, ast.Attribute) and isinstance(left.value, ast.Name) and _int(right):
                out.append([f"{left.value.id}.{left.attr}", name, right.value])
            elif isinstance(right, ast.Attribute) and isinstance(right.value, ast.Name) and _int(left):
                out.append([f"{right.value.id}.{right.attr}", _FLIPPED[name], left.value])
    return out[:8]


def _int(node: ast.expr) -> bool:
    return isinstance(node, ast.Constant) and type(node.value) is int


def _presence(test: ast.expr, positive: bool, found: dict[str, list[str]]) -> None:
    """Names (or called names) whose presence the test checks, by the branch it selects:
    `x is None`, `not x`, `not await exists(k)` enter the body when absent; `x`, `x is not None`,
    `await exists(k)` when present. `and`/`or` operands keep the polarity of the whole test."""
    if isinstance(test, ast.UnaryOp) and isinstance(test.op, ast.Not):
        _presence(test.operand, not positive, found)
    elif isinstance(test, ast.BoolOp):
        for value in test.values[:8]:
            _presence(value, positive, found)
    elif isinstance(test, ast.Compare) and len(test.ops) == 1 and isinstance(test.comparators[0], ast.Constant) \
            and test.comparators[0].value is None and isinstance(test.ops[0], (ast.Is, ast.Eq, ast.IsNot, ast.NotEq)):
        _presence(test.left, positive != isinstance(test.ops[0], (ast.Is, ast.Eq)), found)
    else:
        _tested_name(test, positive, found)


def _tested_name(test: ast.expr, positive: bool, found: dict[str, list[str]]) -> None:
    """`_presence` of one operand: the (called) name `x`, `f(k)`, `await f(k)` it tests."""
    subject = test.value if isinstance(test, ast.Await) else test
    name = dotted_str(subject.func) if isinstance(subject, ast.Call) else dotted_str(subject)
    if name:
        found["present" if positive else "absent"].append(name)
    elif isinstance(subject, ast.Call) and isinstance(subject.func, ast.Attribute):
        # `not get_limiter().allow(k)`: the method called on what a call returns, kept apart
        # so rules reading the plain names above see no change
        found.setdefault("present_methods" if positive else "absent_methods", []).append(subject.func.attr)


def _path_check(func: FunctionFacts, node: ast.If) -> None:
    """extra["path_checks"]: in a sync function, an `if` that tests whether a path exists
    (`os.path.exists(p)`, `not p.is_file()`), in the shape of a coroutine's "if" block, for
    check-then-use questions about code run in threads. Only the test's top level is read."""
    calls = []
    stack = [node.test]
    while stack:
        test = stack.pop()
        if type(test) is ast.UnaryOp and type(test.op) is ast.Not:
            stack.append(test.operand)
        elif type(test) is ast.BoolOp:
            stack.extend(test.values)
        elif type(test) is ast.Call and type(test.func) is ast.Attribute and test.func.attr in _EXISTENCE:
            calls.append([dotted_str(test.func), value_of(test.args[0], deep=False) if test.args else None])
    if calls:
        func.extra.setdefault("path_checks", []).append({
            "kind": "if", "line": node.lineno, "end": node.body[-1].end_lineno or node.lineno, "calls": calls,
            "exits": isinstance(node.body[-1], (ast.Return, ast.Raise))})
