"""RA709 logic-error: `x < 1 and x > MAX` / `x != A or x != B`, two tests no value can pass (or fail) together."""
from __future__ import annotations

import ast
from typing import Iterator

from ...findings import Finding
from ...knowledge.clocks import DURATIONS
from ..api import FileContext, Rule, register
from ._conditions import (Func, constant, distinct, is_pure, module_constants, nodes_with_function, ordering, own_name,
                          range_of, same_expr, source_of, where)


@register
class ContradictoryComparisons(Rule):
    """Two comparisons of one value joined so that the condition has a fixed result.

    What it finds:
        An `and` of two comparisons of the same value (no call inside) with constants (literals,
        enum members, the module's UPPER_CASE constants) that no value satisfies together
        (`qty < 1 and qty > MAX_QTY`, `x == "a" and x == "b"`), or with the two ends of one named
        range, below its low end and above its high end (`pay < band.pay_min and pay > band.pay_max`,
        `t < limits.lower and t > limits.upper`), or before the opening and after the closing moment of
        one record's window when they are timestamps (`now < ev["doors_open"] and now > ev["ends_at"]`;
        not times of day such as `quiet_start`, whose window may wrap past midnight), or an `or` of two that every
        value satisfies (`s != Status.DONE or s != Status.FAILED`, `x > 10 or x < 20`, and an in-range test of
        one named range or window joined with `or`, `t >= w["starts_at"] or t < w["ends_at"]`); likewise a membership
        test of literal constants joined to another test of the same value sharing no member with it
        (`s in ("new", "open") and s == "done"`, `s not in (A, B) or s != C`). Also an
        out-of-range test whose two ends are the same bound (`day < start or day > start`: only
        `day != start`, the other end of the range was meant on one side), and its mirror, an in-range
        test whose two ends are the same bound (`start <= now and now <= start`: only `now == start`). The
        condition may be an `if` test, a returned or assigned value, anything.

    Why it matters:
        The first is always false and the second always true, so the guard decides nothing: an
        out-of-range quantity is accepted (the bounds check was meant as `or`), or every row is
        treated as "not finished" (the inequality test was meant as `and`, or `not in`).

    Example:
        if quantity < 1 and quantity > MAX_QUANTITY:
            raise ValueError("quantity out of range")

    Instead:
        Join the out-of-range tests with `or` (or test the range once):

            if not 1 <= quantity <= MAX_QUANTITY:
    """

    id = "RA709"
    name = "contradictory-comparisons"
    category = "logic-error"
    severity = "HIGH"
    scope = "file"
    base_effort = 0.25
    effort_per_location = 0.0

    def check(self, ctx: FileContext) -> Iterator[Finding]:
        resolve = module_constants(ctx.facts, ctx.tree)
        durations = _module_durations(ctx.tree, resolve)
        for node, func in nodes_with_function(ctx.tree):
            if isinstance(node, ast.BoolOp):
                pair = _fixed_pair(node, resolve) or _outside_named_bounds(node, func) \
                    or _outside_offset_bounds(node, func, resolve) or _outside_inline_offsets(node, resolve, durations)
                if pair is not None:
                    yield self._finding(ctx, node, func, *pair)
                elif (collapsed := _collapsed_range(node)) is not None:
                    yield self._collapsed_finding(ctx, node, func, collapsed)

    def _collapsed_finding(self, ctx: FileContext, node: ast.BoolOp, func: Func | None, bound: ast.expr) -> Finding:
        text, end = source_of(ctx.lines, node), source_of(ctx.lines, bound)
        if isinstance(node.op, ast.Or):
            means, passes, fix = f"!= {end}", "holds for every value except that bound itself", "x < start or x > end"
        else:
            means, passes, fix = f"== {end}", "holds only at that bound itself", "start <= x <= end"
        description = (f"In {where(func)}, `{text}` tests one value against `{end}` from below and from above: "
                       f"it is at most `{means}`, so the range test it was written as {passes} (the other end of "
                       "the range was meant on one side).")
        return self.finding(ctx.loc(node), f"`{text}` compares against the same bound twice", description,
                            recommendation=f"Compare against both ends of the range (`{fix}`).")

    def _finding(self, ctx: FileContext, node: ast.BoolOp, func: Func | None, first: ast.expr,
                 second: ast.expr) -> Finding:
        text = source_of(ctx.lines, node)
        a, b = source_of(ctx.lines, first), source_of(ctx.lines, second)
        if isinstance(node.op, ast.And):
            outcome, why, fix = "false", f"no value passes both `{a}` and `{b}`", \
                "join the out-of-range tests with `or` (`not low <= x <= high`)"
        elif _outside_named_bounds(node, func) is not None:
            outcome, why, fix = "true", f"every value passes `{a}` or `{b}` (it is after the start or before the " \
                "end of a range that runs the right way)", "join the in-range tests with `and` (`low <= x < high`)"
        else:
            outcome, why, fix = "true", f"every value passes `{a}` or `{b}`", \
                "join the exclusions with `and`, or test `x not in (A, B)`"
        description = (f"In {where(func)}, `{text}` is always {outcome}: {why}, so the condition decides "
                       "nothing and the code it guards runs (or is skipped) whatever the data.")
        return self.finding(ctx.loc(node), f"`{text}` is always {outcome}", description,
                            recommendation=f"Write the test that was meant: {fix}.")


def _fixed_pair(node: ast.BoolOp, resolve) -> tuple[ast.expr, ast.expr] | None:
    """Two operands on one subject whose accepted (`and`) or rejected (`or`) values are disjoint."""
    negated = isinstance(node.op, ast.Or)
    ranged = [(value, range_of(value, resolve, negated)) for value in node.values]
    ranged = [(value, found) for value, found in ranged if found is not None]
    for index, (value, (subject, accepted)) in enumerate(ranged):
        for later, (other, other_accepted) in ranged[index + 1:]:
            if same_expr(subject, other) and accepted.disjoint(other_accepted):
                return value, later
    return _disjoint_members(node, resolve) or _unequal_to_two_fields(node, resolve)


def _unequal_to_two_fields(node: ast.BoolOp, resolve) -> tuple[ast.expr, ast.expr] | None:
    """`x != m.team_a_id or x != m.team_b_id`: one value unequal to either of two fields of one
    record. It is false only when both fields hold that same value, which two fields naming two
    parties or slots of one record never do, so the test passes every value (the exclusions were
    meant to be joined with `and`)."""
    if not isinstance(node.op, ast.Or):
        return None
    tests = [(value, found) for value in node.values if (found := _unequal_to_field(value, resolve)) is not None]
    for index, (value, (subject, field)) in enumerate(tests):
        for later, (other, other_field) in tests[index + 1:]:
            if same_expr(subject, other) and same_expr(field.value, other_field.value) \
                    and own_name(field) != own_name(other_field):
                return value, later
    return None


def _unequal_to_field(test: ast.expr, resolve) -> tuple[ast.expr, ast.expr] | None:
    """(subject, field) for `x != r.f` / `r.f != x` (`r["f"]` too): a pure, non-constant value tested
    against a field of another record."""
    if not (isinstance(test, ast.Compare) and len(test.ops) == 1 and isinstance(test.ops[0], ast.NotEq)):
        return None
    for subject, field in ((test.left, test.comparators[0]), (test.comparators[0], test.left)):
        if (isinstance(field, ast.Attribute) or _keyed(field)) and is_pure(field) and is_pure(subject) \
                and isinstance(subject, (ast.Name, ast.Attribute, ast.Subscript)) and constant(subject, resolve) is None and constant(field, resolve) is None \
                and not same_expr(subject, field.value) and not _field_of(subject, field.value):
            return subject, field
    return None


def _field_of(subject: ast.expr, record: ast.expr) -> bool:
    """`subject` is itself read from `record` (`m.winner_id` against `m.team_a_id`)."""
    return (isinstance(subject, ast.Attribute) or _keyed(subject)) and same_expr(subject.value, record)


def _disjoint_members(node: ast.BoolOp, resolve) -> tuple[ast.expr, ast.expr] | None:
    """`s in ("a", "b") and s == "c"` / `s not in (A, B) or s != C`: a membership test of one subject
    and another test of it (membership or equality) whose accepted (`and`) or rejected (`or`) values
    share no member, every member a constant provably distinct from the others."""
    negated = isinstance(node.op, ast.Or)
    tests = [(value, found) for value in node.values if (found := _members(value, resolve, negated)) is not None]
    for index, (value, (subject, members, listed)) in enumerate(tests):
        for later, (other, other_members, other_listed) in tests[index + 1:]:
            if (listed or other_listed) and same_expr(subject, other) \
                    and all(distinct(a, b) for a in members for b in other_members):
                return value, later
    return None


def _members(test: ast.expr, resolve, negated: bool) -> tuple[ast.expr, tuple, bool] | None:
    """(subject, constants, from a collection?) for `x in (A, B)` / `x == A` (`not in` / `!=` when
    `negated`: the values the test rejects); None unless every member is a constant."""
    if not (isinstance(test, ast.Compare) and len(test.ops) == 1) or not is_pure(test.left):
        return None
    op, right = type(test.ops[0]), test.comparators[0]
    if op is (ast.NotIn if negated else ast.In) and isinstance(right, (ast.Tuple, ast.List, ast.Set)) and right.elts:
        members = tuple(constant(element, resolve) for element in right.elts)
        listed = True
    elif op is (ast.NotEq if negated else ast.Eq):
        members, listed = (constant(right, resolve),), False
    else:
        return None
    if any(member is None for member in members) or constant(test.left, resolve) is not None:
        return None
    return test.left, members, listed


# the low and high end of one named range: `salary_min`/`salary_max`, `lower_bound`/`upper_bound`
# (start/end only on timestamps, below: a time-of-day window may wrap past midnight, `now < quiet_start and
# now > quiet_end`)
_ENDS = {"min": "max", "minimum": "maximum", "low": "high", "lo": "hi", "lower": "upper", "floor": "ceiling"}


def _outside_named_bounds(node: ast.BoolOp, func: Func | None = None) -> tuple[ast.expr, ast.expr] | None:
    """`x < r.low and x > r.high` (either order): outside both ends of a range at once, which no
    value is while the range is the right way round; and its mirror `x >= w["starts_at"] or x <
    w["ends_at"]`, inside one end or the other, which every value is (the in-window test was meant
    with `and`)."""
    joined_by_or = isinstance(node.op, ast.Or)
    sides = [(value, found) for value in node.values if (found := _side_of_bound(value)) is not None]
    for index, (value, (subject, below, bound)) in enumerate(sides):
        for later, (other, other_below, other_bound) in sides[index + 1:]:
            if not same_expr(subject, other) or below == other_below:
                continue
            # the low end is the one tested from below with `and`, from above with `or`
            low, high = (bound, other_bound) if below != joined_by_or else (other_bound, bound)
            if _upper_end(low) == ast.unparse(high) or _timestamp_window(low, high, _dated(subject, func)):
                return value, later
    return None


# the opening and closing moment of one window (`doors_open`/`ends_at`, `starts_at`/`expires_at`): on
# timestamps, unlike times of day, the window cannot wrap, so the opening comes first
_OPENS = frozenset({"start", "starts", "begin", "begins", "open", "opens", "opening", "from", "since"})
_CLOSES = frozenset({"end", "ends", "close", "closes", "closing", "until", "expires", "expiry", "stop"})
_MOMENT = frozenset({"at", "on", "date", "ts", "datetime"})


def _timestamp_window(low: ast.expr, high: ast.expr, dated: bool = False) -> bool:
    """`low` opens and `high` closes one window of the same record (`w["doors_open"]`, `w["ends_at"]`),
    and one of them is named as a timestamp (`_at`, `_on`, `_date`), or the value compared is declared
    a date (`dated`: `actual: date` against `visit.window_start` / `visit.window_end`)."""
    base = _base(low)
    if base is None or _base(high) is None or not same_expr(base, _base(high)):
        return False
    opens, closes = _words(low), _words(high)
    return bool(opens & _OPENS) and bool(closes & _CLOSES) and (dated or bool((opens | closes) & _MOMENT))


_DATE_TYPES = frozenset({"date", "datetime", "datetime.date", "datetime.datetime"})


def _dated(subject: ast.expr, func: Func | None) -> bool:
    """The compared value is a parameter annotated as a calendar date or a timestamp: compared with
    such a value, a window's ends are moments too, and a window of moments cannot wrap past midnight
    the way a time of day (`time`) can."""
    if func is None or not isinstance(subject, ast.Name):
        return False
    args = func.args
    return any(a.arg == subject.id and a.annotation is not None and ast.unparse(a.annotation) in _DATE_TYPES
               for a in (*args.posonlyargs, *args.args, *args.kwonlyargs))


def _base(node: ast.expr) -> ast.expr | None:
    """The record a bound is read from: `event` of `event.starts_at` or of `event["starts_at"]`."""
    if isinstance(node, ast.Attribute) or _keyed(node):
        return node.value
    return None


def _keyed(node: ast.expr) -> bool:
    return isinstance(node, ast.Subscript) and isinstance(node.slice, ast.Constant) \
        and isinstance(node.slice.value, str)


def _words(node: ast.expr) -> set[str]:
    """The lower-cased words of a bound's own name (`doors_open` -> {"doors", "open"})."""
    return set(own_name(node).lower().split("_"))


def _outside_offset_bounds(node: ast.BoolOp, func: Func | None, resolve) -> tuple[ast.expr, ast.expr] | None:
    """`d < today and d > cutoff` where the function set `cutoff = today + timedelta(days=30)` (or
    `today = cutoff - ...`): below one bound and above a later one at once, which no value is."""
    if not isinstance(node.op, ast.And) or func is None:
        return None
    sides = [(value, side) for value in node.values if (found := _directed(value)) is not None
             for side in (found, (found[2], not found[1], found[0]))]
    offsets: dict[str, tuple[ast.expr, int]] | None = None
    for index, (value, (subject, below, bound)) in enumerate(sides):
        for later, (other, other_below, other_bound) in sides[index + 1:]:
            if later is value or below == other_below or not same_expr(subject, other):
                continue
            low, high = (bound, other_bound) if below else (other_bound, bound)
            offsets = _offset_locals(func, resolve) if offsets is None else offsets
            if _offset_from(high, low, 1, offsets) or _offset_from(low, high, -1, offsets):
                return value, later
    return None


def _offset_from(name: ast.expr, base: ast.expr, sign: int, offsets: dict[str, tuple[ast.expr, int]]) -> bool:
    """`name` was set once in the function to `base` moved by a positive amount in the `sign` direction."""
    found = offsets.get(name.id) if isinstance(name, ast.Name) else None
    return found is not None and found[1] == sign and same_expr(found[0], base)


def _offset_locals(func: Func, resolve) -> dict[str, tuple[ast.expr, int]]:
    """Locals assigned once in the function, to another value plus or minus a positive amount (a
    positive number or constant, `timedelta(days=WINDOW_DAYS)`): {"cutoff": (`today`, +1)}; the
    base must not be assigned again in the function either."""
    assigned: dict[str, list[ast.expr]] = {}
    for stmt in ast.walk(func):
        targets = stmt.targets if isinstance(stmt, ast.Assign) else [stmt.target] \
            if isinstance(stmt, (ast.AugAssign, ast.AnnAssign)) else []
        for target in targets:
            if isinstance(target, ast.Name):
                assigned.setdefault(target.id, []).append(getattr(stmt, "value", None) if isinstance(stmt, ast.Assign)
                                                          else None)
    found: dict[str, tuple[ast.expr, int]] = {}
    for name, values in assigned.items():
        value = values[0] if len(values) == 1 else None
        if not isinstance(value, ast.BinOp) or not isinstance(value.op, (ast.Add, ast.Sub)):
            continue
        base, amount = (value.left, value.right) if _positive_amount(value.right, resolve) or \
            isinstance(value.op, ast.Sub) else (value.right, value.left)
        if not _positive_amount(amount, resolve) or not is_pure(base) \
                or isinstance(base, ast.Name) and len(assigned.get(base.id, ())) > 1:
            continue
        found[name] = (base, 1 if isinstance(value.op, ast.Add) else -1)
    return found


def _outside_inline_offsets(node: ast.BoolOp, resolve, durations: frozenset[str]) -> tuple[ast.expr, ast.expr] | None:
    """`ts > now + MAX_SKEW and ts < now - MAX_AGE`: above a point moved forward and below the same
    point moved back (or not moved) at once, which no value is (the out-of-window tests were meant
    to be joined with `or`)."""
    if not isinstance(node.op, ast.And):
        return None
    sides = [(value, side) for value in node.values if (found := ordering(value)) is not None
             for side in (found, (found[2], not found[1], found[0]))]
    for index, (value, (subject, below, bound)) in enumerate(sides):
        if not is_pure(subject) or isinstance(subject, ast.BinOp):
            continue
        for later, (other, other_below, other_bound) in sides[index + 1:]:
            if later is value or below == other_below or not same_expr(subject, other):
                continue
            upper, lower = (bound, other_bound) if below else (other_bound, bound)
            up, low = _shifted(upper, resolve, durations), _shifted(lower, resolve, durations)
            if up and low and same_expr(up[0], low[0]) and is_pure(up[0]) and low[1] > up[1]:
                return value, later
    return None


def _shifted(bound: ast.expr, resolve, durations: frozenset[str]) -> tuple[ast.expr, int] | None:
    """(point, direction) for `point + amount` (+1), `point - amount` (-1) with a positive amount, or
    a bare point (0)."""
    if isinstance(bound, ast.BinOp) and isinstance(bound.op, (ast.Add, ast.Sub)):
        if _positive_amount(bound.right, resolve, durations):
            return bound.left, 1 if isinstance(bound.op, ast.Add) else -1
        return None
    return (bound, 0) if isinstance(bound, (ast.Name, ast.Attribute, ast.Call)) else None


def _module_durations(tree: ast.AST, resolve) -> frozenset[str]:
    """The module's UPPER_CASE names bound once, at top level, to a positive duration
    (`MAX_EVENT_AGE = timedelta(days=3)`)."""
    bound: dict[str, list[ast.expr]] = {}
    for stmt in getattr(tree, "body", ()):
        target = stmt.targets[0] if isinstance(stmt, ast.Assign) and len(stmt.targets) == 1 else \
            stmt.target if isinstance(stmt, ast.AnnAssign) and stmt.value is not None else None
        if isinstance(target, ast.Name) and target.id.isupper():
            bound.setdefault(target.id, []).append(stmt.value)
    return frozenset(name for name, values in bound.items() if len(values) == 1
                     and isinstance(values[0], ast.Call) and _positive_amount(values[0], resolve))


def _positive_amount(node: ast.expr, resolve, durations: frozenset[str] = frozenset()) -> bool:
    """A positive number or named constant, or a duration built only from such (`timedelta(days=30)`),
    or a module constant bound to one (`durations`)."""
    if isinstance(node, ast.Name) and node.id in durations:
        return True
    if isinstance(node, ast.Call) and ast.unparse(node.func) in DURATIONS:
        amounts = [*node.args, *(k.value for k in node.keywords)]
        return bool(amounts) and all(_positive_amount(a, resolve) for a in amounts)
    number = constant(node, resolve)
    return isinstance(number, (int, float)) and not isinstance(number, bool) and number > 0


def _collapsed_range(node: ast.BoolOp) -> ast.expr | None:
    """`x < b or x > b` (either order, any side): an out-of-range test whose two ends are one and the
    same bound (a name or attribute, not a literal), which is only `x != b`; or, joined by `and`, an
    in-range test `b <= x and x <= b`, which is only `x == b`."""
    sides = [found for value in node.values if (found := _directed(value)) is not None]
    for index, (subject, below, bound) in enumerate(sides):
        for other, other_below, other_bound in sides[index + 1:]:
            for first, second, low in ((other, other_bound, other_below), (other_bound, other, not other_below)):
                if below != low and same_expr(subject, first) and same_expr(bound, second):
                    return bound
    return None


def _directed(test: ast.expr) -> tuple[ast.expr, bool, ast.expr] | None:
    """(subject, below?, bound) for `x < y` / `y > x` between two pure names or attributes; the
    subject is the side written first when both could be."""
    found = ordering(test)
    sides = (found[0], found[2]) if found else ()
    return found if sides and all(isinstance(n, (ast.Name, ast.Attribute)) and is_pure(n) for n in sides) else None


def _side_of_bound(test: ast.expr) -> tuple[ast.expr, bool, ast.expr] | None:
    """(subject, below?, bound) for `x < bound` / `bound > x` where the bound is a name or attribute
    naming one end of a range and the subject holds no call."""
    found = ordering(test)
    if found is None:
        return None
    left, below, right = found
    if _is_end(left) and not _is_end(right):
        left, right, below = right, left, not below
    if not _is_end(right) or _is_end(left) or not is_pure(left) or isinstance(left, ast.Constant):
        return None
    return left, below, right


def _is_end(node: ast.expr) -> bool:
    """A name of one end of a range (`salary_min`), or of a window on a record (`event["ends_at"]`)."""
    if not isinstance(node, (ast.Name, ast.Attribute)) and not _keyed(node):
        return False
    words = _words(node)
    return any(word in _ENDS or word in _ENDS.values() for word in words) or \
        not isinstance(node, ast.Name) and bool(words & (_OPENS | _CLOSES))


def _upper_end(bound: ast.expr) -> str:
    """The source of the range's other end when `bound` names its low end (`job.salary_min` ->
    `job.salary_max`), else ""."""
    if not isinstance(bound, (ast.Name, ast.Attribute)):
        return ""
    head, _, last = ast.unparse(bound).rpartition(".")
    words = last.split("_")
    for index, word in enumerate(words):
        if word.lower() in _ENDS:
            high = _ENDS[word.lower()]
            words[index] = high.upper() if word.isupper() else high
            return f"{head}.{'_'.join(words)}" if head else "_".join(words)
    return ""
