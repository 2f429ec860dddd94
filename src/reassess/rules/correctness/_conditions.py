"""Shared helpers of the logic-error rules: boolean contexts, pure expressions, source text.

The logic-error rules only report what the code proves on its own terms, so they need to
know which expressions are evaluated for truth, which expressions evaluate the same way
twice (no call, await or assignment inside), and the exact source text to quote back.
"""
from __future__ import annotations

import ast
import math
import re
from dataclasses import dataclass
from typing import Any, Callable, Iterator

from ...facts.types import ModuleFacts
from ...knowledge.clocks import CLOCKS
from ...facts.visitor import CHILD_FIELDS, contains

_FUNCS = (ast.FunctionDef, ast.AsyncFunctionDef)
# Nodes whose evaluation may differ between two occurrences, or that bind names.
_IMPURE = (ast.Call, ast.Await, ast.Yield, ast.YieldFrom, ast.NamedExpr, ast.Lambda,
           ast.ListComp, ast.SetComp, ast.DictComp, ast.GeneratorExp)
Func = ast.FunctionDef | ast.AsyncFunctionDef
_NOW_NAMES = frozenset({"now", "today", "current_time", "now_ts", "now_utc", "utc_now"})  # names that hold the time


# The walk of the tree being analysed, shared by the logic-error rules (kept for that tree, then dropped).
_walked: dict[str, Any] = {"tree": None, "nodes": []}
# The only nodes the logic-error rules ask about (tests, comparisons, assertions, loops,
# subtractions), and the nodes that hold none of them below.
_ASKED = (ast.If, ast.While, ast.IfExp, ast.Assert, ast.comprehension, ast.Compare, ast.BoolOp, ast.For)
_BARE = (ast.Name, ast.Constant)


def nodes_with_function(tree: ast.AST) -> list[tuple[ast.AST, Func | None]]:
    """Every test, comparison, `and`/`or`, assertion, `for` and subtraction node
    (if/while/ternary/assert/comprehension) once, parents before children, with its innermost enclosing function (None at module/class
    level); walked once per tree for all the rules asking."""
    if _walked["tree"] is not tree:
        found: list[tuple[ast.AST, Func | None]] = []
        _collect(tree, tree if type(tree) in _FUNC_TYPES else None, found)  # type: ignore[arg-type]
        _walked["tree"], _walked["nodes"] = tree, found
    return _walked["nodes"]


def _collect(root: ast.AST, func: Func | None, found: list[tuple[ast.AST, Func | None]]) -> None:
    """Depth-first from `root` (children last to first, the order rules have always seen), with
    `func` fixed: a function's subtree is walked whole by a nested call, so the stack holds bare
    nodes, not (node, function) pairs; node types are tested by set and dict look-ups."""
    stack = [root]
    while stack:
        node = stack.pop()
        kind = type(node)
        if kind in _ASKED_TYPES or kind is ast.BinOp and type(node.op) is ast.Sub:  # (differences too)
            found.append((node, func))
        elif kind in _FUNC_TYPES and node is not root:
            _collect(node, node, found)  # type: ignore[arg-type]
            continue
        for name in CHILD_FIELDS[kind]:
            value = getattr(node, name, None)
            if type(value) is list:
                stack += [item for item in value if _walked_into[type(item)]]
            elif _walked_into[type(value)]:
                stack.append(value)


_ASKED_TYPES = frozenset(_ASKED)
_FUNC_TYPES = frozenset(_FUNCS)


class _WalkedInto(dict):
    """Node type (or value type) -> whether the walk goes below it: not names, constants,
    None or text; filled on first look-up."""

    def __missing__(self, kind: type) -> bool:
        found = self[kind] = issubclass(kind, ast.AST) and not issubclass(kind, _BARE)
        return found


_walked_into: dict[type, bool] = _WalkedInto()


def boolean_tests(tree: ast.AST) -> Iterator[tuple[ast.expr, Func | None]]:
    """Expressions evaluated only for their truth (if/while/assert/ternary/comprehension tests),
    and the `and`/`or`/`not` operands inside them."""
    for node, func in nodes_with_function(tree):
        tests: list[ast.expr] = []
        if isinstance(node, (ast.If, ast.While, ast.IfExp, ast.Assert)):
            tests.append(node.test)
        elif isinstance(node, ast.comprehension):
            tests.extend(node.ifs)
        for test in tests:
            yield from _truth_operands(test, func)


def _truth_operands(test: ast.expr, func: Func | None) -> Iterator[tuple[ast.expr, Func | None]]:
    yield test, func
    if isinstance(test, ast.BoolOp):
        for value in test.values:
            yield from _truth_operands(value, func)
    elif isinstance(test, ast.UnaryOp) and isinstance(test.op, ast.Not):
        yield from _truth_operands(test.operand, func)


def is_pure(node: ast.AST) -> bool:
    """True when evaluating `node` twice must give the same result: no call, await or binding."""
    return not contains([node], _IMPURE)


def same_expr(a: ast.AST, b: ast.AST) -> bool:
    return ast.dump(a) == ast.dump(b)


def and_operands(test: ast.expr) -> list[ast.expr]:
    """The operands of an `and` test, or the test itself."""
    return list(test.values) if isinstance(test, ast.BoolOp) and isinstance(test.op, ast.And) else [test]


_BELOW, _ABOVE = (ast.Lt, ast.LtE), (ast.Gt, ast.GtE)


def ordering(test: ast.expr) -> tuple[ast.expr, bool, ast.expr] | None:
    """(left, below?, right) for a single `<`, `<=`, `>` or `>=` comparison."""
    if not (isinstance(test, ast.Compare) and len(test.ops) == 1) or type(test.ops[0]) not in _BELOW + _ABOVE:
        return None
    return test.left, type(test.ops[0]) in _BELOW, test.comparators[0]


def own_name(node: ast.expr) -> str:
    """The name a value is read under: `x`, the `x` of `a.x`, or the key of `a["x"]`; "" otherwise."""
    if isinstance(node, ast.Subscript) and isinstance(node.slice, ast.Constant) and isinstance(node.slice.value, str):
        return node.slice.value
    return node.attr if isinstance(node, ast.Attribute) else node.id if isinstance(node, ast.Name) else ""


_WORD_BREAK = re.compile(r"[\W_]+|(?<=[a-z])(?=[A-Z])")


def name_words(name: str) -> list[str]:
    """The lower-cased words of a name, in order, split at underscores, dots and camel humps
    (`WEEKLY_OT_THRESHOLD`, `startsAt`): what the naming rules read a value's meaning from."""
    return [w.lower() for w in _WORD_BREAK.split(name) if w]


def functions_subtracting_from(tree: ast.AST, words: frozenset[str]) -> list[Func]:
    """The functions holding a subtraction from a value whose name has one of `words` (`THRESHOLD - x`,
    `start_at - x`), once each in the shared walk's order: only they can hold what the naming rules seek."""
    found: dict[Func, None] = {}
    for node, func in nodes_with_function(tree):
        if func is not None and isinstance(node, ast.BinOp) and words.intersection(name_words(own_name(node.left))):
            found[func] = None
    return list(found)


def named_values(node: ast.AST, func: Func, keywords: bool = False) -> Iterator[tuple[str, ast.expr]]:
    """(name, value) for an assignment to a name or attribute (or key), the function's returned
    value (named as the function) and, with `keywords`, a call's keyword arguments."""
    if isinstance(node, (ast.Assign, ast.AnnAssign)) and node.value is not None:
        for target in node.targets if isinstance(node, ast.Assign) else [node.target]:
            if own_name(target):
                yield own_name(target), node.value
    elif isinstance(node, ast.Return) and node.value is not None:
        yield func.name, node.value
    elif keywords and isinstance(node, ast.Call):
        yield from ((k.arg, k.value) for k in node.keywords if k.arg)


_SPAN_READS = frozenset({"days", "seconds", "total_seconds"})
_ROUNDING = frozenset({"int", "round", "ceil", "floor"})


def span_read(value: ast.expr, divided: bool = False) -> ast.expr | None:
    """`x` in `(x).days` or `int((x).total_seconds())` (rounded, and with `divided` also divided or
    floored: `(x).total_seconds() // 60`): the difference read as a span; None for anything else."""
    while True:
        if isinstance(value, ast.Call) and own_name(value.func) in _ROUNDING and len(value.args) == 1:
            value = value.args[0]
        elif divided and isinstance(value, ast.BinOp) and isinstance(value.op, (ast.Div, ast.FloorDiv)):
            value = value.left
        else:
            break
    if isinstance(value, ast.Call) and not value.args and not value.keywords:
        value = value.func  # `(...).total_seconds()`
    return value.value if isinstance(value, ast.Attribute) and value.attr in _SPAN_READS else None


def is_clock(node: ast.expr, clocks: frozenset[str] = frozenset()) -> bool:
    """A clock call, a name such as `now`, or a local the function bound to a clock call."""
    if isinstance(node, ast.Call):
        return own_name(node.func) in CLOCKS
    return own_name(node).lower() in _NOW_NAMES or isinstance(node, ast.Name) and node.id in clocks


def clock_names(func: Func | None) -> frozenset[str]:
    """Locals of `func` assigned a clock reading (`current = datetime.now(timezone.utc)`)."""
    if func is None:
        return frozenset()
    return frozenset(target.id for stmt in ast.walk(func) if isinstance(stmt, ast.Assign) and is_clock(stmt.value)
                     for target in stmt.targets if isinstance(target, ast.Name))


# Statements that bind their target to something other than a plain value (a loop item, `+=`,
# a walrus, a `with` value).
_OTHER_BINDINGS = (ast.AugAssign, ast.For, ast.AsyncFor, ast.NamedExpr, ast.withitem)
Bindings = dict[str, list[ast.expr | None]]
BindingSite = tuple[str, ast.expr | None, bool]


def binding_sites(func: Func, annotated: bool = True) -> list[BindingSite]:
    """(name, value, unpacked) for each binding of a name in `func` (nested code included): a
    plain `name = value` (and `name: T = value` when `annotated`) keeps its value; a parameter,
    loop, `with`, augmented or (unless `annotated`) annotated binding has None. Every name inside
    any other assignment target (a tuple, `d[k]`, `obj.attr`) has None and `unpacked` True, so
    `group_bindings` can count those bindings or leave them out."""
    sites: list[BindingSite] = [(a.arg, None, False) for a in ast.walk(func.args) if isinstance(a, ast.arg)]
    for node in ast.walk(func):
        if isinstance(node, ast.Assign) or annotated and isinstance(node, ast.AnnAssign):
            sites += _assigned_sites(node)
        elif isinstance(node, (ast.AnnAssign, *_OTHER_BINDINGS)):
            sites += _valueless_sites(node)
    return sites


def _assigned_sites(node: ast.Assign | ast.AnnAssign) -> list[BindingSite]:
    """The bindings of one assignment: a plain name target keeps the value assigned; every name in
    any other target (a tuple, `d[k]`, `obj.attr`) is unpacked, with no single value of its own."""
    sites: list[BindingSite] = []
    for target in node.targets if isinstance(node, ast.Assign) else [node.target]:
        if isinstance(target, ast.Name):
            sites.append((target.id, node.value, False))
        else:
            sites.extend((n.id, None, True) for n in ast.walk(target) if isinstance(n, ast.Name))
    return sites


def _valueless_sites(node: ast.AST) -> list[BindingSite]:
    """The names a loop, `with`, augmented (or, when annotated ones are not kept, annotated)
    binding binds: their value is not one expression the rules could read, so it is None."""
    target = node.optional_vars if isinstance(node, ast.withitem) else node.target
    if target is None:
        return []
    return [(n.id, None, False) for n in ast.walk(target) if isinstance(n, ast.Name)]


def group_bindings(sites: list[BindingSite], unpacked: bool = True) -> Bindings:
    """Name -> the values of its bindings in order (None for a binding that is no plain value);
    names bound inside a wider target count only when `unpacked`."""
    found: Bindings = {}
    for name, value, inside in sites:
        if unpacked or not inside:
            found.setdefault(name, []).append(value)
    return found


def local_bindings(func: Func, annotated: bool = True, unpacked: bool = True) -> Bindings:
    """Name -> the values of its bindings in `func` (None: a parameter, loop, `with`, augmented,
    walrus or unpacked binding); callers keep the names whose bindings all suit them."""
    return group_bindings(binding_sites(func, annotated), unpacked)


def source_of(lines: list[str], node: ast.AST) -> str:
    """The node's source text as written (quotes kept), or its unparsed form if it spans lines."""
    start, end = getattr(node, "lineno", 0), getattr(node, "end_lineno", 0)
    if start and start == end and start <= len(lines):
        raw = lines[start - 1].encode("utf-8")
        return raw[node.col_offset:node.end_col_offset].decode("utf-8", errors="replace")
    return ast.unparse(node)


def replaced_line(lines: list[str], node: ast.AST, text: str) -> str:
    """The node's (single) line with the node's text replaced by `text`, stripped."""
    start, end = getattr(node, "lineno", 0), getattr(node, "end_lineno", 0)
    if not start or start != end or start > len(lines):
        return text
    raw = lines[start - 1].encode("utf-8")
    fixed = raw[:node.col_offset] + text.encode("utf-8") + raw[node.end_col_offset:]
    return fixed.decode("utf-8", errors="replace").strip()


def where(func: Func | None) -> str:
    return f"`{func.name}`" if func is not None else "module-level code"


_FLIP = {ast.Lt: ast.Gt, ast.Gt: ast.Lt, ast.LtE: ast.GtE, ast.GtE: ast.LtE, ast.Eq: ast.Eq}
# The comparison that accepts exactly what another rejects (`==` has none of the kinds above).
_NEGATE = {ast.Lt: ast.GtE, ast.GtE: ast.Lt, ast.Gt: ast.LtE, ast.LtE: ast.Gt, ast.NotEq: ast.Eq}
Resolve = Callable[[ast.expr], object]


@dataclass(frozen=True)
class Range:
    """The values of the subject a test accepts: numbers between `low` and `high`, or one value
    (a string, or an enum member as `(class, member)`)."""

    low: float = -math.inf
    high: float = math.inf
    low_open: bool = False
    high_open: bool = False
    point: object = None

    def within(self, other: Range) -> bool:
        if self.point is not None or other.point is not None:
            return self.point is not None and self.point == other.point
        low_ok = other.low < self.low or (other.low == self.low and (self.low_open or not other.low_open))
        high_ok = self.high < other.high or (other.high == self.high and (self.high_open or not other.high_open))
        return low_ok and high_ok

    def disjoint(self, other: Range) -> bool:
        """No value is in both (values of different kinds, a string and a str-enum member, may be equal)."""
        if self.point is not None or other.point is not None:
            return distinct(self.point, other.point)
        return _below(self.high, self.high_open, other.low, other.low_open) \
            or _below(other.high, other.high_open, self.low, self.low_open)


def _below(high: float, high_open: bool, low: float, low_open: bool) -> bool:
    return high < low or (high == low and (high_open or low_open))


def distinct(a: object, b: object) -> bool:
    """Two constants (as `constant` reads them) that are provably different values: of one type
    and unequal; members of one enum class with different names."""
    if a is None or b is None or type(a) is not type(b):
        return False
    if isinstance(a, tuple):  # enum members: provably distinct only within one class
        return a[0] == b[0] and a[1] != b[1]
    return a != b


def range_of(test: ast.expr, resolve: Resolve | None = None,
             negated: bool = False) -> tuple[ast.expr, Range] | None:
    """(subject, accepted values) for `x OP constant` / `constant OP x` with OP in < <= > >= ==
    (and `!=` when `negated`: then the values the test rejects). `resolve` names a constant."""
    if not (isinstance(test, ast.Compare) and len(test.ops) == 1):
        return None
    op = _NEGATE.get(type(test.ops[0])) if negated else type(test.ops[0])
    if op not in _FLIP:
        return None
    left, right = test.left, test.comparators[0]
    if constant(left, resolve) is not None and constant(right, resolve) is None:
        left, op, right = right, _FLIP[op], left
    value = constant(right, resolve)
    if value is None or constant(left, resolve) is not None or not is_pure(left):
        return None
    if not isinstance(value, (int, float)):
        return (left, Range(point=value)) if op is ast.Eq else None
    if op is ast.Eq:
        return left, Range(low=value, high=value)
    bound = {ast.Gt: Range(low=value, low_open=True), ast.GtE: Range(low=value),
             ast.Lt: Range(high=value, high_open=True), ast.LtE: Range(high=value)}
    return left, bound[op]


def constant(node: ast.expr, resolve: Resolve | None = None) -> object:
    """A literal number or string (negative numbers included), an enum member as `(class, member)`,
    or what `resolve` says the name stands for; None otherwise."""
    if isinstance(node, ast.UnaryOp) and isinstance(node.op, ast.USub):
        inner = constant(node.operand, resolve)
        return -inner if isinstance(inner, (int, float)) else None
    if isinstance(node, ast.Constant) and isinstance(node.value, (int, float, str)) \
            and not isinstance(node.value, bool):
        return node.value
    if enum_member(node):
        return ast.unparse(node.value), node.attr
    if _numeric_literal_call(node):
        return float(node.args[0].value)  # type: ignore[attr-defined]
    return resolve(node) if resolve is not None and isinstance(node, ast.Name) else None


_NUMBER_TYPES = frozenset({"Decimal", "decimal.Decimal", "float", "int", "Fraction"})


def _numeric_literal_call(node: ast.expr) -> bool:
    """`Decimal("100000")`, `float("1.5")`, `int(10)`: a number written through its type."""
    if not (isinstance(node, ast.Call) and len(node.args) == 1 and not node.keywords):
        return False
    arg, name = node.args[0], ast.unparse(node.func)
    if name not in _NUMBER_TYPES or not isinstance(arg, ast.Constant) or isinstance(arg.value, bool):
        return False
    try:
        float(arg.value)
    except (TypeError, ValueError):
        return False
    return True


def enum_member(node: ast.expr) -> bool:
    """`Class.MEMBER` (or `module.Class.MEMBER`): a member of a capitalised class (an enum)."""
    if not isinstance(node, ast.Attribute):
        return False
    owner = node.value.attr if isinstance(node.value, ast.Attribute) else getattr(node.value, "id", "")
    return owner[:1].isupper()


def module_constants(facts: ModuleFacts, tree: ast.AST | None = None) -> Resolve:
    """A resolver of the module's UPPER_CASE names bound once to a number or string literal, and
    (given the module's tree) to a number written through its type (`Decimal("0.15")`)."""
    typed = _typed_numbers(tree) if tree is not None else {}

    def resolve(node: ast.expr) -> object:
        name = getattr(node, "id", "")
        rebound = name in facts.extra.get("rebinds", {})
        bound = facts.assigns.get(name) if name.isupper() and not rebound else None
        value = bound.value if bound is not None else None
        if isinstance(value, dict):
            return typed.get(name)
        return value if isinstance(value, (int, float, str)) and not isinstance(value, bool) else None
    return resolve


def _typed_numbers(tree: ast.AST) -> dict[str, object]:
    """Top-level `NAME = Decimal("0.15")` assignments, by name."""
    return {stmt.targets[0].id: constant(stmt.value) for stmt in getattr(tree, "body", ())
            if type(stmt) is ast.Assign and len(stmt.targets) == 1 and type(stmt.targets[0]) is ast.Name
            and _numeric_literal_call(stmt.value)}
