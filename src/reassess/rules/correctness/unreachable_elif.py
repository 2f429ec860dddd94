"""RA708 logic-error: an `elif` that an earlier test of its chain already covers."""
from __future__ import annotations

import ast
import functools
from typing import Iterator

from ...findings import Finding
from ..api import FileContext, Rule, register
from ._conditions import (Func, Range, and_operands, constant, is_pure, module_constants, nodes_with_function,
                          ordering, range_of, same_expr, source_of, where)


@register
class UnreachableElif(Rule):
    """An `elif` branch that can never run, because an earlier test of the chain covers it.

    What it finds:
        In an `if`/`elif` chain, an `elif` comparing a value (no call inside) with a number
        (written, or a module constant such as `LIMIT = Decimal("0.15")`), or testing it for
        equality with a constant, where an earlier test of the same chain compares the same
        value and accepts every value this one does: `if ratio > 1.0:`
        followed by `elif ratio > 1.5:`, or `elif status == "x"` repeated. With named bounds,
        an `elif x > b` after `if x > a` whose branch computes `b - a` (the span between two
        tiers, so it takes b to be the higher): past b, the earlier test already holds. A bound chosen
        by a ternary of numbers counts by each of its values (`elif age >= (7 if dog else 10)` after
        `if age >= 1`), and multiples of one named limit by their factors (`elif bid > cap * 3` after
        `if bid > cap * 2`: limits are not negative). Earlier tests on other values, or narrower ones,
        are fine and not reported.

    Why it matters:
        Only the first true test of a chain runs its branch, so the later one is dead: the
        case it was written for (a stronger throttle above 150 %, a special status) is
        handled by the earlier, more general branch instead. The thresholds are usually in
        the wrong order.

    Example:
        if ratio > 1.0:
            return 0.5
        elif ratio > 1.5:
            return 0.0

    Instead:
        Test the narrower condition first:

            if ratio > 1.5:
                return 0.0
            elif ratio > 1.0:
                return 0.5
    """

    id = "RA708"
    name = "unreachable-elif"
    category = "logic-error"
    severity = "MEDIUM"
    scope = "file"
    base_effort = 0.25
    effort_per_location = 0.0

    def check(self, ctx: FileContext) -> Iterator[Finding]:
        chained: set[int] = set()  # the `elif`s of chains already read (parents come first)
        resolve = module_constants(ctx.facts, ctx.tree)  # thresholds are usually named
        # the module's named sets of values, read on demand
        members = functools.cache(lambda: _member_sets(ctx.tree, ctx.facts.extra.get("rebinds", {})))
        for node, func in nodes_with_function(ctx.tree):
            if isinstance(node, ast.If) and id(node) not in chained:
                yield from self._chain_findings(ctx, func, node, chained, resolve, members)

    def _chain_findings(self, ctx: FileContext, func: Func | None, node: ast.If, chained: set[int], resolve,
                        members) -> Iterator[Finding]:
        """Each branch of one `if`/`elif` chain read against the branches above it."""
        seen: list[tuple[ast.If, tuple[ast.expr, ...], list[Range]]] = []
        before: list[ast.If] = []  # the chain's branches above this one
        for branch in _chain(node):
            chained.add(id(branch))
            shadowing = _shadowing_tier(before, branch)
            if shadowing is not None:
                yield self._tier_finding(ctx, func, branch, *shadowing)
            earlier = _covering_range(seen, branch, resolve)
            if earlier is None and shadowing is None:
                earlier = _covering_conjunction(before, branch, resolve, members())
            before.append(branch)
            if earlier is not None:
                yield self._finding(ctx, func, branch, earlier)

    def _tier_finding(self, ctx: FileContext, func: Func | None, branch: ast.If, test: ast.expr,
                      earlier: ast.If, prior: ast.expr) -> Finding:
        text, before = source_of(ctx.lines, test), source_of(ctx.lines, prior)
        description = (f"In {where(func)}, the branch of `{text}` (line {branch.lineno}) computes the span from "
                       f"the bound of the earlier `{before}` (line {earlier.lineno}) to its own, so it takes its "
                       "bound to be the further one; but every value past that bound already makes the earlier "
                       "test true, and only the first true test of a chain runs its branch. The higher tier "
                       "never applies.")
        return self.finding(ctx.loc(test), f"`{text}` is shadowed by the earlier `{before}`", description,
                            recommendation=f"Test the further tier first (`{text}` before `{before}`).",
                            related=[ctx.loc(prior, note="the earlier test that covers it")])

    def _finding(self, ctx: FileContext, func: Func | None, branch: ast.If, earlier: ast.If) -> Finding:
        test, before = source_of(ctx.lines, branch.test), source_of(ctx.lines, earlier.test)
        keyword = "elif" if ctx.lines[branch.lineno - 1].lstrip().startswith("elif") else "else: if"
        description = (f"In {where(func)}, `{keyword} {test}` (line {branch.lineno}) can never run: every value "
                       f"it accepts already makes the earlier `{before}` (line {earlier.lineno}) true, and "
                       "only the first true test of a chain runs its branch.")
        recommendation = (f"Order the tests from the narrowest to the widest (test `{test}` before "
                          f"`{before}`), or fix the threshold that was mistyped.")
        if same_expr(branch.test, earlier.test):
            recommendation = ("Remove the repeated branch, or fix the value it was meant to test (merge its "
                              "body into the first one if both should run the same code).")
        return self.finding(ctx.loc(branch.test), f"`{keyword} {test}` is unreachable", description,
                            recommendation=recommendation,
                            related=[ctx.loc(earlier.test, note="the earlier test that covers it")])


def _tested(test: ast.expr, resolve) -> tuple[tuple[ast.expr, ...], list[Range]] | None:
    """(subject, the ranges it may accept) of a test against a number: one range, or one per
    branch of a bound chosen by a ternary of numbers (`age >= (7 if dog else 10)`). A bound
    scaled from a named one (`amount > limit * 3`) gives the subject `(amount, limit)` and the
    range of the factor: limits and rates are not negative, so a bigger factor is a higher bound."""
    if not (isinstance(test, ast.Compare) and len(test.ops) == 1):
        return None
    scaled = _scaled(test.comparators[0])
    if scaled is not None:
        return _scaled_test(test, *scaled, resolve)
    bound = test.comparators[0]
    options = [bound.body, bound.orelse] if isinstance(bound, ast.IfExp) else [bound]
    found = [range_of(ast.Compare(test.left, test.ops, [option]), resolve) for option in options]
    if any(f is None for f in found) or (len(found) > 1 and any(f[1].point is not None for f in found)):
        return None
    return (found[0][0],), [f[1] for f in found]  # type: ignore[index]


def _scaled_test(test: ast.Compare, limit: ast.expr, factor: float,
                 resolve) -> tuple[tuple[ast.expr, ...], list[Range]] | None:
    """`amount > limit * 3` as the subject `(amount, limit)` and the range of the factor."""
    if not (is_pure(limit) and is_pure(test.left)):
        return None
    found = range_of(ast.Compare(test.left, test.ops, [ast.Constant(factor)]), resolve)
    return ((found[0], limit), [found[1]]) if found else None


def _scaled(bound: ast.expr) -> tuple[ast.expr, float] | None:
    """(limit, factor) of `limit * 3` / `3 * limit`, the limit a name or attribute."""
    if not (isinstance(bound, ast.BinOp) and isinstance(bound.op, ast.Mult)):
        return None
    for named, factor in ((bound.left, bound.right), (bound.right, bound.left)):
        value = constant(factor)
        if isinstance(named, (ast.Name, ast.Attribute)) and isinstance(value, (int, float)) and value > 0:
            return named, value
    return None


def _same_subject(a: tuple[ast.expr, ...], b: tuple[ast.expr, ...]) -> bool:
    return len(a) == len(b) and all(same_expr(x, y) for x, y in zip(a, b))


def _covered(later: list[Range], earlier: list[Range]) -> bool:
    """Every value any option of the later test accepts, every option of the earlier one accepts."""
    return all(r.within(p) for r in later for p in earlier)


_NUMBER_CASTS = frozenset({"float", "int", "Decimal", "decimal.Decimal"})


def _shadowing_tier(before: list[ast.If], branch: ast.If) -> tuple[ast.expr, ast.If, ast.expr] | None:
    """`if x > a: ... elif x > b:` whose branch computes `b - a` (the span between the tiers): it
    assumes b is above a, but it only runs when `x <= a` and `x > b`, so b is below a. With b above
    a, as the branch means, it never runs. (Bounds named, not numbers: RA708's own check covers those.)
    `before` are the branches of the chain above `branch`.
    Returns (the `x > b` test, the earlier branch, the earlier `x > a` test)."""
    for test in and_operands(branch.test):
        found = _directed(test)
        if found is None:
            continue
        subject, above, bound = found
        for earlier in before:
            for prior in and_operands(earlier.test):
                other = _directed(prior)
                if other and other[1] == above and same_expr(other[0], subject) and \
                        _spans(branch.body, bound, other[2], above):
                    return test, earlier, prior
    return None


def _directed(test: ast.expr) -> tuple[ast.expr, bool, ast.expr] | None:
    """(subject, above?, bound) for `x > bound` / `bound < x` (and `>=`, `<=`) on a pure name or
    attribute `x` and a bound that is not a number."""
    found = ordering(test)
    if found is None:
        return None
    left, below, right = found
    above = not below
    if not isinstance(left, (ast.Name, ast.Attribute)):
        left, right, above = right, left, not above
    if not isinstance(left, (ast.Name, ast.Attribute)) or not is_pure(left) or constant(_uncast(right)) is not None:
        return None
    return left, above, _uncast(right)


def _uncast(node: ast.expr) -> ast.expr:
    """`float(rules.limit)` -> `rules.limit`: a numeric conversion does not change which bound it is."""
    if isinstance(node, ast.Call) and len(node.args) == 1 and not node.keywords \
            and ast.unparse(node.func) in _NUMBER_CASTS:
        return node.args[0]
    return node


def _spans(body: list[ast.stmt], bound: ast.expr, earlier: ast.expr, above: bool) -> bool:
    """The branch subtracts the earlier bound from its own (`above`: tiers going up) or its own
    from the earlier one (tiers going down), directly or through a local it bound to either."""
    names: dict[str, ast.expr] = {}
    for stmt in body:
        if isinstance(stmt, ast.Assign) and len(stmt.targets) == 1 and isinstance(stmt.targets[0], ast.Name):
            names[stmt.targets[0].id] = _uncast(stmt.value)

    def same(node: ast.expr, wanted: ast.expr) -> bool:
        node = _uncast(node)
        node = names.get(node.id, node) if isinstance(node, ast.Name) else node
        return same_expr(node, wanted)
    high, low = (bound, earlier) if above else (earlier, bound)
    return any(isinstance(n, ast.BinOp) and isinstance(n.op, ast.Sub) and same(n.left, high) and same(n.right, low)
               for stmt in body for n in ast.walk(stmt))


def _covering_range(seen: list, branch: ast.If, resolve) -> ast.If | None:
    """An earlier branch testing the same value over a range that holds this branch's (`elif n > 10`
    after `if n > 5`); notes this branch's own test in `seen` for the branches below."""
    tested = _tested(branch.test, resolve)
    if tested is None:
        return None
    earlier = next((prev[0] for prev in seen if _same_subject(prev[1], tested[0]) and _covered(tested[1], prev[2])),
                   None)
    seen.append((branch, *tested))
    return earlier


def _covering_conjunction(prior: list[ast.If], branch: ast.If, resolve,
                          members: dict[str, frozenset]) -> ast.If | None:
    """An earlier branch whose every condition one of this branch's conditions implies (`elif kind ==
    "refund" and status == "paid"` after `if kind in REFUNDS and status != "refunded"`, REFUNDS holding
    "refund"): whenever this test holds, the earlier one did, and its branch ran instead."""
    atoms = [a for a in and_operands(branch.test) if isinstance(a, ast.Compare) and is_pure(a)]
    for earlier in prior:
        needs = and_operands(earlier.test)
        if all(isinstance(n, ast.Compare) and is_pure(n) for n in needs) and all(any(_implies(a, n, resolve, members) for a in atoms)
                                                  for n in needs):
            return earlier
    return None


def _implies(atom: ast.expr, need: ast.expr, resolve, members: dict[str, frozenset]) -> bool:
    """`atom` true proves `need` true: the same test, a narrower range of the same value, `x == c`
    for `x != d` (c and d distinct), or `x == c` for `x in S` (c in S) and `x not in S` (c not in S)."""
    if same_expr(atom, need):
        return True
    given = range_of(atom, resolve)
    if given is None:
        return False
    subject, accepted = given
    wanted = range_of(need, resolve)
    if wanted is not None:
        return same_expr(wanted[0], subject) and accepted.within(wanted[1])
    rejected = range_of(need, resolve, negated=True)  # `x != d`: the one value it rejects
    if rejected is not None:
        return same_expr(rejected[0], subject) and accepted.disjoint(rejected[1])
    if not (isinstance(need, ast.Compare) and len(need.ops) == 1 and isinstance(need.ops[0], (ast.In, ast.NotIn))
            and same_expr(need.left, subject) and accepted.point is not None):
        return False
    values = _members(need.comparators[0], members)
    if values is None or any(type(v) is not type(accepted.point) for v in values):
        return False
    return (accepted.point in values) == isinstance(need.ops[0], ast.In)


def _members(node: ast.expr, named: dict[str, frozenset]) -> frozenset | None:
    """The values of a literal tuple, list or set of strings and numbers, or of a module constant bound to one."""
    if isinstance(node, ast.Name):
        return named.get(node.id)
    if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id in ("frozenset", "set",
                                                                                           "tuple") \
            and len(node.args) == 1 and not node.keywords:
        node = node.args[0]
    if not isinstance(node, (ast.Tuple, ast.List, ast.Set)) or not node.elts:
        return None
    values = [constant(e) for e in node.elts]
    return None if any(v is None or isinstance(v, tuple) for v in values) else frozenset(values)


def _member_sets(tree: ast.AST, rebound) -> dict[str, frozenset]:
    """The module's UPPER_CASE names bound once, at top level, to a tuple or frozenset of values
    (a list or set could be changed at run time)."""
    bound: dict[str, list] = {}
    for stmt in getattr(tree, "body", ()):
        if isinstance(stmt, (ast.Assign, ast.AnnAssign)) and stmt.value is not None:
            targets = stmt.targets if isinstance(stmt, ast.Assign) else [stmt.target]
            for target in targets:
                if isinstance(target, ast.Name):
                    bound.setdefault(target.id, []).append(stmt.value)
    found = {}
    for name, values in bound.items():
        value = values[0]
        frozen = isinstance(value, ast.Tuple) or isinstance(value, ast.Call) and getattr(value.func, "id", "") in (
            "frozenset", "tuple")
        if name.isupper() and len(values) == 1 and frozen and name not in rebound:
            members = _members(value, {})
            if members is not None:
                found[name] = members
    return found


def _chain(node: ast.If) -> Iterator[ast.If]:
    """The `if` and its `elif`s (an `else:` holding only another `if` is an `elif`)."""
    current: ast.If | None = node
    while current is not None:
        yield current
        orelse = current.orelse
        current = orelse[0] if len(orelse) == 1 and isinstance(orelse[0], ast.If) else None
