"""The shape of the rows a statement returns: the select list (`*`, DISTINCT, aggregates
only), ORDER BY keys (or a random shuffle), and the top-level LIMIT / OFFSET / GROUP BY /
FOR UPDATE that the pagination and locking rules ask about.
"""
from __future__ import annotations

from .sqlcursor import Cursor
from .sqlparsed import ColumnRef
from .sqltokens import AGGREGATES


def read_order_by(c: Cursor, i: int) -> None:
    """The items of a top-level ORDER BY starting at i."""
    end = c.region_end(i, 0)
    item_start = i
    for k in range(i, end + 1):
        if k == end or (c.text(k) == "," and c.t[k].depth == 0):
            col = _item_column(c, item_start, k)
            if col is not None:
                c.out.order_by.append(col)
            elif _random_item(c, item_start, k):
                c.out.random_order_pos = c.t[item_start].pos
            item_start = k + 1


def _random_item(c: Cursor, start: int, end: int) -> bool:
    """`random()` / `rand()` as a whole ORDER BY item: the rows are shuffled, not sorted by a key."""
    toks = [c.text(k) for k in range(start, end)]
    return len(toks) == 3 and c.up(start) in ("RANDOM", "RAND") and toks[1:] == ["(", ")"]


def _item_column(c: Cursor, start: int, end: int) -> ColumnRef | None:
    toks = [k for k in range(start, end) if c.up(k) not in ("ASC", "DESC", "NULLS", "FIRST", "LAST")]
    if len(toks) == 1 and c.is_name(toks[0]):
        return ColumnRef("", c.text(toks[0]).lower(), c.t[toks[0]].pos)
    if len(toks) == 3 and c.is_name(toks[0]) and c.text(toks[1]) == "." and c.is_name(toks[2]):
        return ColumnRef(c.text(toks[0]).lower(), c.text(toks[2]).lower(), c.t[toks[0]].pos)
    return None


def read_top_level(c: Cursor) -> None:
    """LIMIT / FETCH, OFFSET, GROUP BY and FOR UPDATE of the outer query, then its select list."""
    out = c.out
    select_at = -1
    for i, tok in enumerate(c.t):
        if tok.depth != 0 or tok.kind != "word":
            continue
        word = tok.upper
        if word == "SELECT" and select_at < 0:
            select_at = i
        elif word in ("LIMIT", "FETCH"):
            out.limit = out.limit or not (word == "LIMIT" and c.up(i + 1) == "ALL")
        elif word == "OFFSET" and c.text(i + 1) not in ("", "0"):
            out.offset_pos = tok.pos
        elif word == "GROUP" and c.up(i + 1) == "BY":
            out.group_by = True
        elif word == "FOR" and c.up(i + 1) in ("UPDATE", "SHARE", "NO", "KEY"):
            out.for_update = True
    if select_at >= 0 and out.kind == "select":
        _select_list(c, select_at + 1)


def _select_list(c: Cursor, i: int) -> None:
    out = c.out
    if c.up(i) == "DISTINCT":
        out.distinct = True
        i += 1
        if c.up(i) == "ON" and c.text(i + 1) == "(":
            i = c.close_of(i + 1) + 1
    elif c.up(i) == "ALL":
        i += 1
    items: list[list[int]] = [[]]
    while i < c.n:
        tok = c.t[i]
        if tok.depth == 0 and (tok.upper in ("FROM", "INTO", "WHERE", "GROUP", "ORDER", "LIMIT", "UNION")
                               and tok.kind == "word"):
            break
        if tok.depth == 0 and tok.text == ",":
            items.append([])
        else:
            items[-1].append(i)
        i += 1
    for item in items:
        if len(item) == 1 and c.text(item[0]) == "*":
            out.star_pos = c.t[item[0]].pos
        elif len(item) == 3 and c.text(item[2]) == "*" and c.text(item[1]) == ".":
            out.star_pos = c.t[item[0]].pos
    if items and all(item and c.up(item[0]) in AGGREGATES and c.text(item[0] + 1) == "(" for item in items):
        out.aggregate_only = not out.group_by
