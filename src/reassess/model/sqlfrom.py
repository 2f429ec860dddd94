"""The tables a statement names: its CTEs, then every table after FROM / JOIN / UPDATE /
INTO / DELETE FROM / USING at any depth, with their aliases and the query block (paren
depth) they belong to, which is what places an unqualified column later.
"""
from __future__ import annotations

from .sqlcursor import Cursor
from .sqltokens import CLAUSE_END, normalise_table


def read_ctes(c: Cursor) -> None:
    """`WITH a AS (...), b AS (...)`: names that are not tables."""
    i = 1
    if c.up(i) == "RECURSIVE":
        i += 1
    while i < c.n and c.is_name(i):
        name = c.text(i).lower()
        j = i + 1
        if c.text(j) == "(":
            j = c.close_of(j) + 1
        if c.up(j) != "AS":
            return
        j += 1
        while c.up(j) in ("NOT", "MATERIALIZED"):
            j += 1
        if c.text(j) != "(":
            return
        c.out.ctes.add(name)
        j = c.close_of(j) + 1
        if c.text(j) != ",":
            return
        i = j + 1


def read_tables(c: Cursor) -> None:
    """Tables after FROM / JOIN / UPDATE / INTO / DELETE FROM / USING, at any depth."""
    for i, tok in enumerate(c.t):
        if tok.kind != "word":
            continue
        word = tok.upper
        if word in ("FROM", "JOIN", "INTO", "USING") or (word == "UPDATE" and c.up(i - 1) != "FOR" and
                                                        c.up(i - 1) != "DO"):
            if word == "FROM" and _is_function_from(c, i):
                continue
            _table_list(c, i + 1, allow_list=(word == "FROM"), depth=tok.depth, into=(word == "INTO"))


def _is_function_from(c: Cursor, i: int) -> bool:
    """`extract(epoch FROM x)`, `substring(a FROM 2)`, `trim(BOTH FROM x)`: not a table."""
    depth = c.t[i].depth
    if depth == 0:
        return False
    for j in range(i - 1, -1, -1):
        if c.t[j].text == "(" and c.t[j].depth == depth - 1:
            return c.up(j - 1) in ("EXTRACT", "SUBSTRING", "TRIM", "OVERLAY", "POSITION")
    return False


def _table_list(c: Cursor, i: int, allow_list: bool, depth: int, into: bool) -> None:
    while i < c.n:
        while c.up(i) in ("ONLY", "LATERAL"):
            i += 1
        if c.text(i) == "(":
            i = c.close_of(i) + 1
        elif c.is_name(i) or (c.t[i].kind == "word" and c.up(i + 1) == "."):
            i = _table_ref(c, i, depth, into)
            if into:
                return
        else:
            return
        if c.text(i) == "(":  # the column list of an alias: `AS t(a, b)`
            i = c.close_of(i) + 1
        if allow_list and c.text(i) == ",":
            i += 1
            continue
        return


def _table_ref(c: Cursor, i: int, depth: int, into: bool) -> int:
    """Record the table named at `i` (and its alias); the index after them. A function
    call there (`unnest(...)`) is a set-returning function, not a table."""
    out = c.out
    name, j = c.dotted_at(i)
    if c.text(j) == "(" and not into:
        return c.close_of(j) + 1
    table = normalise_table(name)
    if table not in out.ctes:
        out.tables.setdefault(table, table)
        out.table_pos.setdefault(table, c.t[i].pos)
        out.table_depth.setdefault(depth, []).append(table)
        out.main_table = out.main_table or table
    if into:
        return j
    alias = _alias(c, j)
    if not alias:
        return j
    if table not in out.ctes:
        out.tables[alias.lower()] = table
    return j + (2 if c.up(j) == "AS" else 1)


def _alias(c: Cursor, i: int) -> str:
    if c.up(i) == "AS" and c.is_name(i + 1):
        return c.text(i + 1)
    if c.is_name(i) and c.up(i) not in CLAUSE_END:
        return c.text(i)
    return ""
