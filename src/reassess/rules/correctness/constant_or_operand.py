"""RA705 logic-error: `x == "a" or "b"`, a comparison `or`-ed with a bare constant."""
from __future__ import annotations

import ast
from dataclasses import dataclass
from typing import Iterator

from ...findings import Finding
from ..api import FileContext, Rule, register
from ._conditions import Func, enum_member, is_pure, nodes_with_function, replaced_line, same_expr, source_of, where


@register
class ConstantOrOperand(Rule):
    """A condition `x == A or B` whose `B` is a constant, so the test is always true.

    What it finds:
        In any condition or value (an `if` test, a `return`, an assignment), an `or` where a comparison
        `x == A` (or `x != A`) is followed by a bare constant of the same kind as `A`: a
        non-empty string or non-zero number after a literal, or another member of the same
        class (`Status.DONE or Status.FAILED`, an enum member). The constant is truthy on its
        own, so the second alternative never looks at `x`. `x in (A, B)` and
        `x == A or x == B` are fine and not reported. Likewise a membership test followed by a bare
        non-empty string (`scope in principal.scopes or "admin"`): `True` or the string, never false.

    Why it matters:
        Python reads `status == "active" or "paused"` as `(status == "active") or "paused"`,
        which is always true: the guarded branch runs for every status (a deleted campaign is
        served, a cancelled booking is refunded twice), and the check it was meant to be
        silently does nothing.

    Example:
        if campaign.status == "active" or "paused":

    Instead:
        Test membership:

            if campaign.status in ("active", "paused"):
    """

    id = "RA705"
    name = "constant-or-operand"
    category = "logic-error"
    severity = "HIGH"
    scope = "file"
    base_effort = 0.25
    effort_per_location = 0.0

    def check(self, ctx: FileContext) -> Iterator[Finding]:
        for test, func in nodes_with_function(ctx.tree):
            if isinstance(test, ast.BoolOp) and isinstance(test.op, ast.Or):
                run = _constant_run(test.values)
                if run is not None:
                    yield self._finding(ctx, test, func, run)
                elif (pair := _membership_then_constant(test.values)) is not None:
                    yield self._membership_finding(ctx, test, func, *pair)

    def _membership_finding(self, ctx: FileContext, test: ast.BoolOp, func: Func | None, member: ast.Compare,
                            bare: ast.Constant) -> Finding:
        text, const = source_of(ctx.lines, test), source_of(ctx.lines, bare)
        collection = source_of(ctx.lines, member.comparators[0])
        op = "not in" if isinstance(member.ops[0], ast.NotIn) else "in"
        description = (f"In {where(func)}, `{text}` is read as `({source_of(ctx.lines, member)}) or {const}`: "
                       f"`{const}` is a non-empty constant, always truthy, so the result is truthy whatever "
                       f"`{collection}` holds, and every check made with it passes.")
        recommendation = f"Test the second value against the collection too:\n\n```python\n" \
                         f"{source_of(ctx.lines, member)} or {const} {op} {collection}\n```"
        return self.finding(ctx.loc(test), f"`{text}` is always true", description,
                            recommendation=recommendation)

    def _finding(self, ctx: FileContext, test: ast.BoolOp, func: Func | None, run: _Run) -> Finding:
        text, const = source_of(ctx.lines, test), source_of(ctx.lines, run.bare)
        subject = source_of(ctx.lines, run.subject)
        choices = ", ".join(source_of(ctx.lines, m) for m in run.members)
        fixed = f"{subject} {'not in' if run.negated else 'in'} ({choices})"
        parts = [source_of(ctx.lines, v) for v in test.values]
        parts[run.start:run.end] = [fixed]
        corrected = replaced_line(ctx.lines, test, " or ".join(parts))
        kind = "an enum member" if isinstance(run.bare, ast.Attribute) else "a non-empty constant"
        description = (f"In {where(func)}, `{text}` is read as `({source_of(ctx.lines, test.values[run.start])}) "
                       f"or {const}`: `{const}` is {kind}, always truthy, so the condition is always true "
                       f"whatever `{subject}` is, and the branch it guards runs unconditionally.")
        recommendation = f"Compare `{subject}` with every value:\n\n```python\n{corrected}\n```"
        return self.finding(ctx.loc(test), f"`{text}` is always true", description,
                            recommendation=recommendation)


@dataclass
class _Run:
    """Operands `start:end` of an `or`: `subject == A` followed by bare constants like `B`."""

    start: int
    subject: ast.expr
    negated: bool
    members: list[ast.expr]
    end: int = 0
    bare: ast.expr | None = None


def _constant_run(values: list[ast.expr]) -> _Run | None:
    """The first run of `x == A` operands followed by bare constants of A's kind, if any."""
    run: _Run | None = None
    for index, value in enumerate(values):
        compared = _equality(value)
        if run is not None and compared and is_pure(run.subject) and same_expr(compared[0], run.subject) \
                and compared[1] == run.negated:
            run.members.append(compared[2])
        elif run is not None and _same_kind(value, run.members[0]) and _truthy(value):
            run.members.append(value)
            run.bare = run.bare or value
        elif run is not None and run.bare is not None:
            break
        else:
            run = _Run(index, compared[0], compared[1], [compared[2]]) if compared else None
        if run is not None:
            run.end = index + 1
    return run if run is not None and run.bare is not None else None


def _membership_then_constant(values: list[ast.expr]) -> tuple[ast.Compare, ast.Constant] | None:
    """(`x in c`, `"b"`) for `x in c or "b"`: a membership test followed by a bare non-empty string,
    the second value meant to be tested against the same collection (`scope in scopes or "admin"`).
    The `or` yields `True` or the string, truthy either way."""
    for value, following in zip(values, values[1:]):
        if isinstance(value, ast.Compare) and len(value.ops) == 1 and isinstance(value.ops[0], (ast.In, ast.NotIn)) \
                and isinstance(following, ast.Constant) and isinstance(following.value, (str, bytes)) \
                and following.value:
            return value, following
    return None


def _equality(node: ast.expr) -> tuple[ast.expr, bool, ast.expr] | None:
    """(subject, negated, value) for `subject == value` / `subject != value` with a constant value."""
    if not (isinstance(node, ast.Compare) and len(node.ops) == 1 and isinstance(node.ops[0], (ast.Eq, ast.NotEq))):
        return None
    value = node.comparators[0]
    # any subject, even a call (`entry.get("status") == "open" or "hold"`): the bare constant never reads it
    if not (_literal(value) or enum_member(value)):
        return None
    return node.left, isinstance(node.ops[0], ast.NotEq), value


def _literal(node: ast.expr) -> bool:
    return isinstance(node, ast.Constant) and isinstance(node.value, (str, bytes, int, float)) \
        and not isinstance(node.value, bool)


def _same_kind(value: ast.expr, model: ast.expr) -> bool:
    if _literal(model):
        return _literal(value) and isinstance(value.value, str) == isinstance(model.value, str)
    return enum_member(value) and same_expr(value.value, model.value)


def _truthy(node: ast.expr) -> bool:
    """Provably truthy: a non-empty/non-zero literal, or an enum member (truthy unless an int enum is 0,
    and even then the comparison is not what was meant)."""
    return bool(node.value) if isinstance(node, ast.Constant) else True
