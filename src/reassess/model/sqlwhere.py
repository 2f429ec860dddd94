"""Column tests of WHERE, HAVING and JOIN ... ON: which column, how it is compared (so the
index rules can tell `=` from a leading-wildcard LIKE), and the table it belongs to.

Terms are split on AND/OR and parentheses; subqueries and calls are skipped here because
the statement reader visits their own clauses separately.
"""
from __future__ import annotations

from .sqlcursor import Cursor
from .sqlparsed import Predicate
from .sqltokens import COMPARE, KEYWORDS, RANGE_OPS

Operand = tuple[str, str, int, str, int]  # qualifier, column, offset, wrapping function or cast, depth


def read_predicates(c: Cursor, start: int, depth: int, clause: str) -> None:
    """Every column test of the clause starting at `start`."""
    end = c.region_end(start, depth)
    i = start
    term_start = start
    while i < end:
        tok = c.t[i]
        if tok.text == "(" and (c.up(i + 1) in ("SELECT", "WITH") or c.is_name(i - 1) or
                               c.up(i - 1) in ("ANY", "SOME", "ALL", "IN", "EXISTS", "ARRAY", "COALESCE")):
            i = c.close_of(i) + 1  # a subquery or a call: its own clauses are read separately
            continue
        if tok.kind == "word" and tok.upper in ("AND", "OR") and not _in_between(c, i, term_start):
            if tok.upper == "OR" and tok.depth == depth and clause == "where":
                c.out.has_or = True
            _bare_boolean(c, term_start, i, depth, clause)
            term_start = i + 1
        elif tok.text == "(":
            _bare_boolean(c, term_start, i, depth, clause)
            term_start = i + 1
        elif tok.text == ")":
            _bare_boolean(c, term_start, i, depth, clause)
            term_start = i + 1
        else:
            op = _operator(c, i)
            if op:
                _comparison(c, i, op, depth, clause)
        i += 1
    _bare_boolean(c, term_start, end, depth, clause)


def _in_between(c: Cursor, i: int, term_start: int) -> bool:
    """The AND of `x BETWEEN a AND b`."""
    if c.up(i) != "AND":
        return False
    for j in range(i - 1, max(term_start, i - 12) - 1, -1):
        if c.up(j) == "BETWEEN" and c.t[j].depth == c.t[i].depth:
            return True
        if c.up(j) in ("AND", "OR"):
            return False
    return False


def _operator(c: Cursor, i: int) -> str:
    tok = c.t[i]
    if tok.kind == "op" and tok.text in COMPARE:
        return tok.text
    if tok.kind == "word" and tok.upper in ("LIKE", "ILIKE", "IN", "BETWEEN", "IS", "SIMILAR"):
        if tok.upper == "IS" and c.up(i + 1) == "NOT" and c.up(i + 2) == "DISTINCT":
            return "<>"
        return tok.upper.lower()
    return ""


def _comparison(c: Cursor, i: int, op: str, depth: int, clause: str) -> None:
    left = _operand_before(c, i)
    right = _operand_after(c, i)
    negated = c.up(i - 1) == "NOT"
    if negated and left is None:
        left = _operand_before(c, i - 1)
    kind = _classify(c, op, i, negated)
    if left is not None and right is not None and clause == "join":
        _add(c, left, kind, depth, clause, other=right)
        _add(c, right, kind, depth, clause, other=left)
        return
    col = left if left is not None else right
    if col is None:
        return
    if col is right and op in RANGE_OPS:  # `$1 < created_at` is `created_at > $1`
        kind = "range"
    _add(c, col, kind, depth, clause)
    if kind == "in" and c.text(i + 1) == "(" and c.up(i + 2) in ("SELECT", "WITH"):
        c.out.predicates[-1].subquery = True


def _add(c: Cursor, col: Operand, kind: str, depth: int, clause: str, other: tuple | None = None) -> None:
    qualifier, column, pos, wrapped, at_depth = col
    other_text = f"{other[0]}.{other[1]}" if other else ""
    c.out.predicates.append(_placed(c, Predicate(qualifier.lower(), column.lower(), kind, pos, clause,
                                                 wrapped, at_depth > depth, other_text), depth))


def _placed(c: Cursor, pred: Predicate, depth: int) -> Predicate:
    """Resolve the predicate's table: by qualifier, else the one table of its query block."""
    block = tuple(dict.fromkeys(c.out.table_depth.get(depth, ())))
    pred.candidates = block
    if pred.qualifier:
        pred.table = c.out.tables.get(pred.qualifier, "")
    elif len(block) == 1:
        pred.table = block[0]
    return pred


def _classify(c: Cursor, op: str, i: int, negated: bool) -> str:
    if op in ("like", "ilike", "~~", "~~*", "similar"):
        if negated:
            return "<>"
        pattern = _like_pattern(c, i + 1)
        if pattern == "leading":
            return "like-leading"
        if op in ("like", "~~") and pattern == "prefix":
            return "like-prefix"
        return "like"
    if op in ("!~~", "!~~*", "!~", "!~*", "<>", "!="):
        return "<>"
    if op == "in":
        return "<>" if negated else "in"
    if op == "is":
        if c.up(i + 1) == "NULL":
            return "is-null"
        return "<>" if c.up(i + 1) == "NOT" else "is"
    if op == "between":
        return "<>" if negated else "between"
    if op == "=" and c.up(i + 1) in ("ANY", "SOME"):
        return "any"
    if op in ("<>", "!=") and c.up(i + 1) == "ALL":
        return "<>"
    if op in RANGE_OPS:
        return "range"
    return op


def _like_pattern(c: Cursor, i: int) -> str:
    """"leading" for '%x', '%' || $1, concat('%', ...); "prefix" for 'x%'; "" when unknown."""
    tok = c.t[i] if i < c.n else None
    if tok is None:
        return ""
    if tok.text == "(":
        return _like_pattern(c, i + 1)
    if tok.kind == "word" and tok.upper == "CONCAT" and c.text(i + 1) == "(":
        return _like_pattern(c, i + 2)
    if tok.kind == "str":
        body = tok.text.split("'", 1)[1] if "'" in tok.text else tok.text
        if body.startswith(("%", "_")):
            return "leading"
        return "prefix" if not tok.text.endswith("||") else ""
    return ""


def _operand_before(c: Cursor, i: int) -> Operand | None:
    """A column (maybe qualified, maybe wrapped in a function or cast) ending at i - 1."""
    j = i - 1
    wrapped = ""
    if j >= 1 and c.t[j - 1].text == "::":  # col::date
        wrapped = "::" + c.text(j).lower()
        j -= 2
    if j >= 0 and c.t[j].text == ")":
        open_at = c.open_of(j)
        func = c.up(open_at - 1) if open_at > 0 else ""
        if wrapped and (not func or func in KEYWORDS) and c.up(open_at + 1) != "SELECT":
            func = ""  # `(starts_at AT TIME ZONE $2)::date`: a cast of an expression on the column
        elif not func or func in KEYWORDS and func not in ("COALESCE",):
            return None
        inner = c.first_column(open_at + 1, j)
        if inner is None:
            return None
        return inner[0], inner[1], inner[2], wrapped or func.lower(), c.t[j].depth
    return _column_at_end(c, j, wrapped)


def _column_at_end(c: Cursor, j: int, wrapped: str) -> Operand | None:
    if not c.is_name(j) or c.text(j + 1) == "(":
        return None
    if c.text(j - 1) == "." and c.is_word(j - 2):
        return c.text(j - 2), c.text(j), c.t[j - 2].pos, wrapped, c.t[j].depth
    if c.text(j - 1) == "::":
        return None
    return "", c.text(j), c.t[j].pos, wrapped, c.t[j].depth


def _operand_after(c: Cursor, i: int) -> Operand | None:
    j = i + 1
    while c.up(j) in ("NOT", "ANY", "SOME", "ALL"):
        j += 1
    if not c.is_name(j) or c.text(j + 1) == "(":
        return None
    if c.text(j + 1) == "." and c.is_name(j + 2):
        return c.text(j), c.text(j + 2), c.t[j].pos, "", c.t[j].depth
    return "", c.text(j), c.t[j].pos, "", c.t[j].depth


def _bare_boolean(c: Cursor, start: int, end: int, depth: int, clause: str) -> None:
    """`WHERE is_active` or `NOT a.archived`: a column used as the whole test."""
    toks = [k for k in range(start, end)]
    if toks and c.up(toks[0]) == "NOT":
        toks = toks[1:]
    if len(toks) == 1 and c.is_name(toks[0]):
        k = toks[0]
        c.out.predicates.append(_placed(c, Predicate("", c.text(k).lower(), "bool", c.t[k].pos,
                                                     clause, nested=c.t[k].depth > depth), depth))
    elif len(toks) == 3 and c.is_name(toks[0]) and c.text(toks[1]) == "." and c.is_name(toks[2]):
        k = toks[0]
        c.out.predicates.append(_placed(c, Predicate(c.text(k).lower(), c.text(toks[2]).lower(),
                                                     "bool", c.t[k].pos, clause,
                                                     nested=c.t[k].depth > depth), depth))
