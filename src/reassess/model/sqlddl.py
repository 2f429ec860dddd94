"""DDL: the tables CREATE TABLE declares (columns, inline and table keys, references,
`LIKE other INCLUDING INDEXES`), CREATE INDEX, and the keys ALTER TABLE ... ADD declares,
which is what the missing-index rules compare queries against.
"""
from __future__ import annotations

from .sqlcursor import Cursor
from .sqlparsed import IndexDDL, TableDDL
from .sqltokens import normalise_table


def read_create(c: Cursor) -> None:
    """CREATE [OR REPLACE | TEMP | UNLOGGED | UNIQUE ...] TABLE or INDEX."""
    i = 1
    unique = False
    while c.up(i) in ("OR", "REPLACE", "TEMP", "TEMPORARY", "UNLOGGED", "GLOBAL", "LOCAL", "UNIQUE"):
        unique = unique or c.up(i) == "UNIQUE"
        i += 1
    if c.up(i) == "TABLE":
        c.out.kind = "create_table"
        _create_table(c, i + 1)
    elif c.up(i) == "INDEX":
        c.out.kind = "create_index"
        _create_index(c, i + 1, unique)


def _create_table(c: Cursor, i: int) -> None:
    i = c.skip_if_not_exists(i)
    if not c.is_word(i):
        return
    name, i = c.dotted_at(i)
    table = TableDDL(normalise_table(name))
    c.out.ddl_tables.append(table)
    c.out.main_table = table.name
    if c.text(i) != "(":
        return
    close = c.close_of(i)
    for start, end in c.elements(i + 1, close):
        _table_element(c, table, start, end)


def _table_element(c: Cursor, table: TableDDL, start: int, end: int) -> None:
    i = start
    if c.up(i) == "CONSTRAINT":
        i += 2
    word = c.up(i)
    pos = c.t[start].pos
    if word == "PRIMARY" and c.up(i + 1) == "KEY":
        cols, _ = c.names_in_parens(i + 2)
        table.keys.append(("primary", cols, pos))
    elif word == "UNIQUE":
        j = i + 1
        if c.up(j) == "NULLS":
            j += 3 if c.up(j + 1) == "NOT" else 2
        cols, _ = c.names_in_parens(j)
        table.keys.append(("unique", cols, pos))
    elif word == "LIKE":
        name, j = c.dotted_at(i + 1)
        table.like = normalise_table(name)
        rest = {c.up(k) for k in range(j, end)}
        table.like_indexes = "INCLUDING" in rest and ("INDEXES" in rest or "ALL" in rest)
    elif word in ("FOREIGN", "CHECK", "EXCLUDE"):
        return
    elif c.is_name(i) or c.t[i].kind == "word":
        _column_definition(c, table, i, end, pos)


def _column_definition(c: Cursor, table: TableDDL, i: int, end: int, pos: int) -> None:
    """`email text UNIQUE REFERENCES ...`: the column, its type and its inline constraints."""
    column = c.text(i).lower()
    table.columns.setdefault(column, pos)
    table.column_types[column] = c.up(i + 1) if i + 1 < end else ""
    for k in range(i + 1, end):
        if c.t[k].depth != c.t[i].depth:
            continue
        if c.up(k) == "PRIMARY" and c.up(k + 1) == "KEY":
            table.keys.append(("primary", (column,), pos))
        elif c.up(k) == "UNIQUE":
            table.keys.append(("unique", (column,), pos))
        elif c.up(k) == "REFERENCES" and k + 1 < end:
            ref, _ = c.dotted_at(k + 1)
            table.references.append((column, normalise_table(ref), pos))


def _create_index(c: Cursor, i: int, unique: bool) -> None:
    if c.up(i) == "CONCURRENTLY":
        i += 1
    i = c.skip_if_not_exists(i)
    name = ""
    if c.up(i) != "ON":
        name = c.text(i)
        i += 1
    if c.up(i) != "ON":
        return
    i += 1
    if c.up(i) == "ONLY":
        i += 1
    table_name, i = c.dotted_at(i)
    method = ""
    if c.up(i) == "USING":
        method = c.text(i + 1).lower()
        i += 2
    if c.text(i) != "(":
        return
    close = c.close_of(i)
    columns = tuple(_index_element(c, s, e) for s, e in c.elements(i + 1, close))
    partial = any(c.up(k) == "WHERE" and c.t[k].depth == 0 for k in range(close, c.n))
    c.out.main_table = normalise_table(table_name)
    c.out.ddl_indexes.append(IndexDDL(name, normalise_table(table_name), columns, unique, partial,
                                      c.t[0].pos, method))


def _index_element(c: Cursor, start: int, end: int) -> str:
    if c.text(start) == "(":
        inner = c.first_column(start + 1, c.close_of(start))
        return f"({inner[1].lower()})" if inner else "(expr)"
    if c.is_name(start) and c.text(start + 1) == "(":
        inner = c.first_column(start + 2, c.close_of(start + 1))
        return f"{c.text(start).lower()}({inner[1].lower() if inner else ''})"
    return c.text(start).lower()


def read_alter_table(c: Cursor) -> None:
    """ALTER TABLE t ADD [CONSTRAINT x] PRIMARY KEY / UNIQUE, or ADD [COLUMN] c ... UNIQUE."""
    i = c.skip_if_not_exists(2)
    if c.up(i) == "ONLY":
        i += 1
    if i >= c.n:
        return
    name, i = c.dotted_at(i)
    table = normalise_table(name)
    c.out.main_table = table
    for start, end in c.elements(i, c.n):
        if c.up(start) == "ADD":
            _added_key(c, table, start, end)


def _added_key(c: Cursor, table: str, start: int, end: int) -> None:
    """One `ADD ...` item of ALTER TABLE: the key it declares, if any."""
    k = start + 1
    if c.up(k) == "CONSTRAINT":
        k += 2
    pos = c.t[start].pos
    if c.up(k) == "PRIMARY" and c.up(k + 1) == "KEY":
        cols, _ = c.names_in_parens(k + 2)
        c.out.ddl_indexes.append(IndexDDL("", table, cols, True, False, pos, kind="primary"))
    elif c.up(k) == "UNIQUE":
        cols, _ = c.names_in_parens(k + 1)
        c.out.ddl_indexes.append(IndexDDL("", table, cols, True, False, pos, kind="unique"))
    elif c.up(k) == "COLUMN" or c.is_name(k):
        k += 1 if c.up(k) == "COLUMN" else 0
        k = c.skip_if_not_exists(k)
        column = c.text(k).lower()
        words = {c.up(x) for x in range(k + 1, end)}
        if "PRIMARY" in words:
            c.out.ddl_indexes.append(IndexDDL("", table, (column,), True, False, pos, kind="primary"))
        elif "UNIQUE" in words:
            c.out.ddl_indexes.append(IndexDDL("", table, (column,), True, False, pos, kind="unique"))
