"""ORM query chains as facts: `select(User).where(User.email == e).order_by(User.id)` or
`session.query(Order).filter(Order.status.in_(s)).all()` read once, in the worker, into a
plain record of the entities, the columns tested (and how) and the chain's methods.

The model resolves the `X.col` names to ORM models later; here nothing is resolved.
"""
from __future__ import annotations

import ast
from typing import Any

from .values import dotted_str

ENTITY_CALLS = frozenset({"select", "query", "exists", "update", "delete", "scalars"})
CLAUSES = frozenset({"where", "filter", "filter_by", "order_by", "join", "outerjoin", "having", "exclude"})
_QUERY_METHODS = CLAUSES | {"offset"}  # a chain with one of these may be a query
_COMPARE = {ast.Eq: "=", ast.NotEq: "<>", ast.Lt: "range", ast.LtE: "range", ast.Gt: "range", ast.GtE: "range",
            ast.In: "in", ast.NotIn: "<>", ast.Is: "is-null", ast.IsNot: "<>"}
_COLUMN_METHODS = {
    "in_": "in", "like": "like", "ilike": "like", "contains": "like-leading", "icontains": "like-leading",
    "startswith": "like-prefix", "istartswith": "like", "endswith": "like-leading", "iendswith": "like-leading",
    "between": "between", "is_": "is-null", "isnot": "<>", "is_not": "<>", "notin_": "<>", "not_in": "<>",
    "notlike": "<>", "not_like": "<>", "any": "exists", "has": "exists", "op": "op", "match": "like",
    "regexp_match": "like", "desc": "order", "asc": "order", "nulls_last": "order", "nulls_first": "order",
}
_WRAPPERS = frozenset({"lower", "upper", "date", "cast", "coalesce", "date_trunc", "trim", "extract", "abs",
                       "length", "substr", "substring", "to_char", "json_extract_path_text"})
# wrappers whose first argument is a unit or field name (`date_trunc("week", col)`, `extract("year", col)`)
_UNIT_FIRST = frozenset({"date_trunc", "extract"})
_MAX_COLS = 40


def chain_record(node: ast.Call) -> tuple[dict[str, Any], list[ast.Call]] | None:
    """The record of the method chain ending at `node` and the inner calls it covers, or
    None when the chain is not a query."""
    calls: list[tuple[str, ast.Call]] = []
    current: ast.expr = node
    while isinstance(current, ast.Call) and isinstance(current.func, ast.Attribute):
        calls.append((current.func.attr, current))
        current = current.func.value
    if not isinstance(current, ast.Call) and not any(name in _QUERY_METHODS for name, _ in calls):
        return None  # no clause method (the common case: a plain method call)
    root = dotted_str(current)
    if isinstance(current, ast.Call):
        root = dotted_str(current.func)
        calls.append((root.rsplit(".", 1)[-1], current))
    names = [name for name, _ in calls]
    if not (set(names) & _QUERY_METHODS) or root.split(".")[0] in ("func", "sa_func", "sqlalchemy"):
        return None  # `func.count().filter(...)` is an aggregate FILTER clause, not a query
    record: dict[str, Any] = {
        "line": node.lineno, "end": node.end_lineno or node.lineno, "methods": list(reversed(names)),
        "root": root, "entities": [], "cols": [], "kw": [], "or": False, "offset": 0,
    }
    for name, call in reversed(calls):
        if name in ENTITY_CALLS:
            record["entities"].extend(name for name in map(_selected, call.args) if name)
        elif name in CLAUSES:
            line = _method_line(call)
            for arg in call.args:
                _columns(arg, name, record, negated=False, line=line)
            for keyword in call.keywords:
                if keyword.arg:  # `filter_by(deleted_at=None)` tests IS NULL
                    none = isinstance(keyword.value, ast.Constant) and keyword.value.value is None
                    record["kw"].append([keyword.arg, name, line, "is-null" if none else "="])
        elif name == "offset" and not _constant_offset(call):
            record["offset"] = _method_line(call)
            skip = _offset_argument(call)
            if isinstance(skip, ast.Name):
                record["offset_name"] = skip.id  # `.offset(SKIP)`: a constant, once the model reads it
    del record["cols"][_MAX_COLS:]
    return record, [call for _, call in calls[1:]]


def _selected(arg: ast.expr) -> str:
    """The dotted name an entity argument selects: `User`, `User.id`, or the column inside
    `distinct(User.id)` / `func.count(User.id)`, whose table `filter_by` then tests."""
    while isinstance(arg, ast.Call) and arg.args:
        arg = arg.args[0]
    return dotted_str(arg)


def _method_line(call: ast.Call) -> int:
    """The line of `.where(` in a chain split over lines: where the method's name is written."""
    func = call.func
    return (func.end_lineno or call.lineno) if isinstance(func, ast.Attribute) else call.lineno


def _offset_argument(call: ast.Call) -> ast.expr | None:
    """The skip of `.offset(n)` or `.offset(offset=n)`; None when neither is written."""
    args = call.args or [k.value for k in call.keywords if k.arg == "offset"]
    return args[0] if args else None


def _constant_offset(call: ast.Call) -> bool:
    """`.offset(0)`, `.offset(10)`, `.offset(None)`: a fixed skip, not a page number."""
    skip = _offset_argument(call)
    return skip is None or isinstance(skip, ast.Constant)


def _column(expr: ast.expr) -> tuple[str, str] | None:
    """`User.email` -> ("User.email", ""); `func.lower(User.email)` -> ("User.email", "lower");
    `func.date_trunc("week", Load.delivered_at)` -> ("Load.delivered_at", "date_trunc"): a function
    taking its unit or field first wraps its second argument."""
    if isinstance(expr, ast.Attribute):
        name = dotted_str(expr)
        return (name, "") if name and "." in name else None
    if isinstance(expr, ast.Call) and expr.args:
        func = dotted_str(expr.func).rsplit(".", 1)[-1].lower()
        if func in _WRAPPERS:
            first = expr.args[1] if func in _UNIT_FIRST and len(expr.args) > 1 else expr.args[0]
            inner = _column(first)
            return (inner[0], func) if inner else None
    return None


_RANDOM_FUNCTIONS = frozenset({"random", "rand"})


def _random_order(expr: ast.expr) -> bool:
    """`order_by(func.random())` (`sa.func.rand()`): a shuffle of every row the filters leave."""
    if not isinstance(expr, ast.Call) or expr.args:
        return False
    name = dotted_str(expr.func).split(".")
    return len(name) >= 2 and name[-1].lower() in _RANDOM_FUNCTIONS and name[-2] in ("func", "sa_func")


def _columns(expr: ast.expr, method: str, record: dict[str, Any], negated: bool, line: int) -> None:
    """Column tests as [dotted, op, wrapped, method, other column, line, pattern name]: `line` is
    the clause's (`.where(`), the comparison's when written on a later line, or the column
    method's (`.ilike(`) for a method test."""
    cols = record["cols"]
    if method == "order_by" and _random_order(expr):
        record["random_order"] = line
        return
    if method == "order_by" or method == "group_by":
        found = _ordered_column(expr)
        if found:
            cols.append([found[0], "order", found[1], method, "", line, ""])
        return
    junction = _junction(expr)
    if junction is not None:
        if junction[0]:
            record["or"] = True
        for value in junction[1]:
            _columns(value, method, record, negated, line)
    elif isinstance(expr, ast.UnaryOp) and isinstance(expr.op, (ast.Not, ast.Invert)):
        _columns(expr.operand, method, record, not negated, line)
    elif isinstance(expr, ast.Compare) and expr.ops:
        _compare_columns(expr, method, cols, negated, line)
    elif isinstance(expr, ast.Call):
        _call_columns(expr, method, record, negated, line)
    elif isinstance(expr, ast.Attribute):
        found = _column(expr)
        if found:
            cols.append([found[0], "<>" if negated else "bool", found[1], method, "", line, ""])


def _ordered_column(expr: ast.expr) -> tuple[str, str] | None:
    """The column of an `order_by`/`group_by` argument: `User.created_at`, `User.created_at.desc()`,
    `desc(User.created_at)`."""
    found = _column(expr) or (_column(expr.func.value) if isinstance(expr, ast.Call) and isinstance(
        expr.func, ast.Attribute) else None)
    if found is None and isinstance(expr, ast.Call) and expr.args:
        found = _column(expr.args[0])  # desc(User.created_at)
    return found


def _junction(expr: ast.expr) -> tuple[bool, list[ast.expr]] | None:
    """(whether it is an `or`, its operands) for `a and b` / `a or b`, and SQLAlchemy's `a & b` /
    `a | b` (`and_(a, b)` / `or_(a, b)`); None for anything else."""
    if isinstance(expr, ast.BoolOp):
        return isinstance(expr.op, ast.Or), expr.values
    if isinstance(expr, ast.BinOp) and isinstance(expr.op, (ast.BitOr, ast.BitAnd)):
        return isinstance(expr.op, ast.BitOr), [expr.left, expr.right]
    return None


def _compare_columns(expr: ast.Compare, method: str, cols: list, negated: bool, line: int) -> None:
    line = max(line, expr.lineno)  # a test written on its own line below `.where(` is cited there
    op = _COMPARE.get(type(expr.ops[0]), "op")
    found = _column(expr.left) or _column(expr.comparators[0])
    if found:
        if op == "=" and isinstance(expr.comparators[0], ast.Constant) and expr.comparators[0].value is None:
            op = "is-null"
        right = _column(expr.comparators[0])
        kind = "<>" if negated else op
        other = right[0] if right and _column(expr.left) else ""
        cols.append([found[0], kind, found[1], method, other, line, ""])


def _call_columns(expr: ast.Call, method: str, record: dict[str, Any], negated: bool, line: int) -> None:
    name = dotted_str(expr.func).rsplit(".", 1)[-1] if dotted_str(expr.func) else (
        expr.func.attr if isinstance(expr.func, ast.Attribute) else "")
    if name in ("and_", "or_", "not_"):
        if name == "or_":
            record["or"] = True
        for arg in expr.args:
            _columns(arg, method, record, negated or name == "not_", line)
        return
    if isinstance(expr.func, ast.Attribute) and name in _COLUMN_METHODS:
        found = _column(expr.func.value)
        if not found:
            _row_value_columns(expr, name, method, record, negated)
            return
        kind = _COLUMN_METHODS[name]
        pattern = ""
        if name in ("like", "ilike") and expr.args:
            kind = _like_kind(expr.args[0], name)
            pattern = expr.args[0].id if isinstance(expr.args[0], ast.Name) else ""
        elif name in ("contains", "icontains") and expr.args and isinstance(
                expr.args[0], (ast.List, ast.Tuple, ast.Set, ast.Dict)):
            kind = "op"  # ARRAY/JSON containment (@>), not a LIKE
        record["cols"].append([found[0], "<>" if negated else kind, found[1], method, "",
                               _method_line(expr), pattern, name == "in_" and _fixed_values(expr)])


def _fixed_values(call: ast.Call) -> bool:
    """`status.in_(ACTIVE_STATUSES)`, `.in_(("open", "held"))`, `.in_([Status.A, Status.B])`: a set fixed
    in the code, the same on every call, so the query is not a batch over the caller's items."""
    arg = call.args[0] if len(call.args) == 1 and not call.keywords else None
    if isinstance(arg, (ast.Tuple, ast.List, ast.Set)):
        return bool(arg.elts) and all(_fixed_value(e) for e in arg.elts)
    return arg is not None and _fixed_value(arg) and not isinstance(arg, ast.Constant)


def _fixed_value(node: ast.expr) -> bool:
    """A literal, an UPPER_CASE constant or a member of one (`Status.OPEN`, `self.ACTIVE`)."""
    if isinstance(node, ast.Constant):
        return True
    name = node.id if isinstance(node, ast.Name) else node.attr if isinstance(node, ast.Attribute) else ""
    return bool(name) and (name.isupper() or isinstance(node, ast.Attribute) and isinstance(node.value, ast.Name)
                           and node.value.id[:1].isupper() and node.value.id not in ("self", "cls"))


def _row_value_columns(expr: ast.Call, name: str, method: str, record: dict[str, Any], negated: bool) -> None:
    """`tuple_(A.agent_id, A.file_id).in_(pairs)`: a row-value IN tests each of its columns, so an
    index leading with any of them serves it (recorded as one `in` test per column)."""
    row = expr.func.value  # type: ignore[attr-defined]
    if not (isinstance(row, ast.Call) and dotted_str(row.func).rsplit(".", 1)[-1] == "tuple_"):
        return
    kind = "<>" if negated else _COLUMN_METHODS[name]
    for arg in row.args:
        found = _column(arg)
        if found:
            record["cols"].append([found[0], kind, found[1], method, "", _method_line(expr), ""])


def like_kind_of(pattern: Any, method: str) -> str:
    """The LIKE kind of a pattern bound to a local name (its `value_of` form): a string or an
    f-string text that starts with a wildcard is `like-leading`."""
    text = pattern if isinstance(pattern, str) else pattern.get("fstring") if isinstance(pattern, dict) else None
    if isinstance(text, str) and text[:1] in ("%", "_"):
        return "like-leading"
    if isinstance(pattern, str) and method == "like" and pattern.endswith("%"):
        return "like-prefix"
    return "like"


def _like_kind(pattern: ast.expr, method: str) -> str:
    """'%x' / f"%{q}%" / "%" + q / "%%%s%%" % q / "%{}%".format(q) -> like-leading;
    'x%' -> like-prefix (LIKE only); else like."""
    first: Any = None
    if isinstance(pattern, ast.Constant):
        first = pattern.value
    elif isinstance(pattern, ast.JoinedStr) and pattern.values:
        head = pattern.values[0]
        first = head.value if isinstance(head, ast.Constant) else None
    elif isinstance(pattern, ast.BinOp) and isinstance(pattern.op, ast.Add):
        while isinstance(pattern, ast.BinOp):
            pattern = pattern.left
        first = pattern.value if isinstance(pattern, ast.Constant) else None
    elif isinstance(pattern, ast.BinOp) and isinstance(pattern.op, ast.Mod) and isinstance(pattern.left, ast.Constant):
        text = pattern.left.value
        first = text[1:] if isinstance(text, str) and text.startswith("%%") else None  # "%%" is a literal %
    elif isinstance(pattern, ast.Call) and isinstance(pattern.func, ast.Attribute) and pattern.func.attr == "format" \
            and isinstance(pattern.func.value, ast.Constant):
        first = pattern.func.value.value
    if isinstance(first, str) and first[:1] in ("%", "_"):
        return "like-leading"
    if isinstance(first, str) and method == "like" and isinstance(pattern, ast.Constant) and first.endswith("%"):
        return "like-prefix"
    return "like"
