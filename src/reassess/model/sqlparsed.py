"""What a parsed SQL statement says: the tables it touches, the column tests of its
WHERE/JOIN/HAVING, its ORDER BY and row-shape flags, and the tables, keys and indexes DDL
declares. Plain records shared by the statement readers and every consumer of `parse`.
"""
from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(slots=True)
class Predicate:
    """One column test: `o.status = $1` -> qualifier "o", column "status", op "="."""

    qualifier: str
    column: str
    op: str  # "=", "<", ..., "in", "any", "between", "like-prefix", "like-leading", "like", "bool", "is-null", "<>"
    pos: int
    clause: str = "where"  # "where", "join", "having"
    wrapped: str = ""  # function or cast around the column: "lower", "::date", "coalesce"
    nested: bool = False  # inside parentheses below the clause (an OR group, a subquery...)
    other: str = ""  # for join predicates: "qualifier.column" of the other side
    table: str = ""  # resolved table, "" when the statement leaves it ambiguous
    candidates: tuple[str, ...] = ()  # tables of the query block an unqualified column may belong to
    subquery: bool = False  # `id IN (SELECT ...)`: matched against a subquery's rows, not given values


@dataclass(slots=True)
class ColumnRef:
    qualifier: str
    column: str
    pos: int


@dataclass
class TableDDL:
    """CREATE TABLE: columns in order, with the keys declared inline or as table constraints."""

    name: str
    columns: dict[str, int] = field(default_factory=dict)  # name -> offset
    column_types: dict[str, str] = field(default_factory=dict)
    keys: list[tuple[str, tuple[str, ...], int]] = field(default_factory=list)  # ("primary"/"unique", cols, pos)
    references: list[tuple[str, str, int]] = field(default_factory=list)  # (column, table, pos)
    like: str = ""
    like_indexes: bool = False


@dataclass
class IndexDDL:
    """CREATE INDEX or a key added by ALTER TABLE."""

    name: str
    table: str
    columns: tuple[str, ...]  # plain names, or an expression like "lower(email)"
    unique: bool
    partial: bool
    pos: int
    method: str = ""
    kind: str = "index"  # "index", "primary", "unique"


@dataclass
class ParsedSql:
    kind: str  # select, insert, update, delete, create_table, create_index, alter_table, other
    tables: dict[str, str] = field(default_factory=dict)  # alias or name -> table (lowercase, no schema)
    table_depth: dict[int, list[str]] = field(default_factory=dict)  # paren depth -> tables named there
    main_table: str = ""
    table_pos: dict[str, int] = field(default_factory=dict)
    predicates: list[Predicate] = field(default_factory=list)
    order_by: list[ColumnRef] = field(default_factory=list)
    random_order_pos: int = -1  # `ORDER BY random()` at the top level
    has_or: bool = False
    limit: bool = False
    offset_pos: int = -1  # OFFSET with a non-zero or parameter value, top level
    star_pos: int = -1  # `SELECT *` at the top level
    aggregate_only: bool = False
    group_by: bool = False
    distinct: bool = False
    for_update: bool = False
    dynamic: bool = False  # has `{}` holes from an f-string or format()
    ctes: set[str] = field(default_factory=set)
    ddl_tables: list[TableDDL] = field(default_factory=list)
    ddl_indexes: list[IndexDDL] = field(default_factory=list)
    pos: int = 0  # offset of the statement in the text it came from
    end: int = 0

    def table_of(self, qualifier: str) -> str:
        """The table a qualifier names; "" when it is ambiguous or unknown."""
        if qualifier:
            return self.tables.get(qualifier.lower(), "")
        real = set(self.tables.values())
        return next(iter(real)) if len(real) == 1 else ""

