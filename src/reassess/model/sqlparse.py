"""A small SQL reader: enough of PostgreSQL (and the common subset of MySQL/SQLite) to know
which tables a statement touches, which columns its WHERE/JOIN/ORDER BY use and how, and
which tables, keys and indexes DDL declares.

Hand-written on one regular-expression tokenizer so that thousands of statements cost
milliseconds; it never raises on odd input (f-string holes read as `{}` placeholders,
unknown syntax is skipped) and never guesses: what it cannot place stays unknown.

The statement readers live next to this module, each over the shared token `Cursor`:
`sqlfrom` (CTEs and tables), `sqlwhere` (WHERE/JOIN/HAVING predicates), `sqlselect`
(select list, ORDER BY, LIMIT/OFFSET) and `sqlddl` (CREATE/ALTER); `sqltokens` tokenizes and
`sqlparsed` holds what they find. This module splits the text, picks the readers a
statement needs and memoises the result.
"""
from __future__ import annotations

from functools import lru_cache

from .sqlcursor import Cursor
from .sqlddl import read_alter_table, read_create
from .sqlfrom import read_ctes, read_tables
from .sqlparsed import ColumnRef, IndexDDL, ParsedSql, Predicate, TableDDL
from .sqlselect import read_order_by, read_top_level
from .sqltokens import (
    AGGREGATES,
    CLAUSE_END,
    COMPARE,
    INDEXABLE_OPS,
    KEYWORDS,
    RANGE_OPS,
    Token,
    normalise_table,
    split_statements,
    tokenize,
)
from .sqlwhere import read_predicates

__all__ = [
    "AGGREGATES", "CLAUSE_END", "COMPARE", "INDEXABLE_OPS", "KEYWORDS", "RANGE_OPS", "ColumnRef", "IndexDDL",
    "ParsedSql", "Predicate", "TableDDL", "Token", "normalise_table", "parse", "parse_one", "split_statements",
    "tokenize",
]


def parse(text: str) -> list[ParsedSql]:
    """Every statement in `text`, parsed. The results are shared between callers (the app
    model, the data model and rules parse the same strings), so they must not be mutated."""
    return list(_parse_text(text))


@lru_cache(maxsize=16384)
def _parse_text(text: str) -> tuple[ParsedSql, ...]:
    out = []
    for start, end, tokens in split_statements(text):
        parsed = _parse_statement(tokens)
        parsed.pos, parsed.end = start, end
        out.append(parsed)
    return tuple(out)


def parse_one(text: str) -> ParsedSql:
    """The first statement of `text` (what a driver call runs), or an empty `other`."""
    found = parse(text)
    return found[0] if found else ParsedSql("other")


def _parse_statement(tokens: list[Token]) -> ParsedSql:
    """One statement: DDL goes to the DDL readers; anything else is read as DML (its CTEs,
    tables, clauses and top-level row shape)."""
    c = Cursor(tokens)
    out = c.out
    out.dynamic = any(t.kind == "param" and t.text.startswith("{") for t in tokens)
    first = c.up(0)
    if first == "CREATE":
        read_create(c)
    elif first == "ALTER" and c.up(1) == "TABLE":
        out.kind = "alter_table"
        read_alter_table(c)
    else:
        if first == "WITH":
            read_ctes(c)
        out.kind = _dml_kind(tokens)
        read_tables(c)
        _read_clauses(c)
        read_top_level(c)
    return out


def _dml_kind(tokens: list[Token]) -> str:
    for tok in tokens:
        if tok.depth == 0 and tok.kind == "word" and tok.upper in ("SELECT", "INSERT", "UPDATE", "DELETE"):
            return tok.upper.lower()
    return "other"


def _read_clauses(c: Cursor) -> None:
    """WHERE / HAVING / JOIN ... ON at any depth (a FILTER's WHERE is not one), ORDER BY at the top."""
    for i, tok in enumerate(c.t):
        if tok.kind != "word":
            continue
        if tok.upper == "WHERE":
            if not (c.text(i - 1) == "(" and c.up(i - 2) == "FILTER"):
                read_predicates(c, i + 1, tok.depth, "where")
        elif tok.upper == "HAVING":
            read_predicates(c, i + 1, tok.depth, "having")
        elif tok.upper == "ON" and c.up(i - 1) != "DO" and c.text(i + 1) != "CONFLICT" and \
                c.up(i + 1) != "CONFLICT":
            read_predicates(c, i + 1, tok.depth, "join")
        elif tok.upper == "ORDER" and c.up(i + 1) == "BY" and tok.depth == 0:
            read_order_by(c, i + 2)
