"""The SQL reader: tables, predicates and DDL, on the shapes the data rules rely on."""
from __future__ import annotations

import time

from reassess.model.sqlparse import parse, parse_one


def _preds(sql: str) -> set[tuple[str, str, str]]:
    return {(p.table, p.column, p.op) for p in parse_one(sql).predicates}


def test_tables_aliases_and_join_predicates() -> None:
    stmt = parse_one("SELECT p.id FROM positions p JOIN instruments AS i ON i.id = p.instrument_id "
                     "WHERE p.user_id = $1 AND p.quantity <> 0 ORDER BY i.symbol")
    assert stmt.kind == "select"
    assert stmt.tables == {"positions": "positions", "p": "positions", "instruments": "instruments",
                           "i": "instruments"}
    preds = {(p.table, p.column, p.op, p.clause) for p in stmt.predicates}
    assert ("positions", "user_id", "=", "where") in preds
    assert ("positions", "quantity", "<>", "where") in preds
    assert ("instruments", "id", "=", "join") in preds
    assert [(o.qualifier, o.column) for o in stmt.order_by] == [("i", "symbol")]


def test_operators_are_classified() -> None:
    assert _preds("SELECT a FROM t WHERE x = ANY($1) AND y IN (1, 2) AND z BETWEEN 1 AND 2 AND "
                  "w >= $2 AND v IS NULL AND u LIKE 'ab%' AND s ILIKE '%' || $3 || '%' AND flag") == {
        ("t", "x", "any"), ("t", "y", "in"), ("t", "z", "between"), ("t", "w", "range"), ("t", "v", "is-null"),
        ("t", "u", "like-prefix"), ("t", "s", "like-leading"), ("t", "flag", "bool")}


def test_functions_casts_and_subqueries() -> None:
    stmt = parse_one("SELECT id FROM users WHERE lower(email) = $1 AND created_at::date = $2 "
                     "AND id IN (SELECT user_id FROM orders WHERE status = 'new')")
    wrapped = {(p.column, p.wrapped) for p in stmt.predicates if p.wrapped}
    assert wrapped == {("email", "lower"), ("created_at", "::date")}
    assert ("orders", "status", "=") in {(p.table, p.column, p.op) for p in stmt.predicates}


def test_cte_names_are_not_tables_and_unqualified_columns_find_their_block() -> None:
    stmt = parse_one("WITH moved AS (DELETE FROM orders WHERE status = ANY($1) AND updated_at < $2 RETURNING *) "
                     "INSERT INTO orders_archive SELECT * FROM moved")
    assert set(stmt.tables.values()) == {"orders", "orders_archive"}
    assert {(p.table, p.column) for p in stmt.predicates} == {("orders", "status"), ("orders", "updated_at")}


def test_limit_offset_star_aggregate() -> None:
    page = parse_one("SELECT * FROM orders WHERE user_id = $1 ORDER BY created_at DESC OFFSET $2 LIMIT $3")
    assert page.limit and page.offset_pos > 0 and page.star_pos > 0
    assert parse_one("SELECT id FROM t OFFSET 0").offset_pos == -1
    count = parse_one("SELECT count(*), sum(x) FROM t WHERE a = $1")
    assert count.aggregate_only and not count.star_pos > 0
    assert not parse_one("SELECT status, count(*) FROM t GROUP BY status").aggregate_only
    assert parse_one("SELECT EXISTS (SELECT * FROM t)").star_pos == -1


def test_filter_clause_of_an_aggregate_is_not_a_row_filter() -> None:
    stmt = parse_one("SELECT count(*) FILTER (WHERE status = 'filled') FROM orders WHERE user_id = $1")
    assert {p.column for p in stmt.predicates} == {"user_id"}


def test_fstring_holes_make_a_statement_dynamic() -> None:
    assert parse_one("SELECT * FROM {} WHERE id = {}").dynamic
    assert not parse_one("SELECT * FROM t WHERE id = %(id)s").dynamic


def test_create_table_keys_and_references() -> None:
    (stmt,) = parse("""
        CREATE TABLE IF NOT EXISTS public.payments (
            id BIGSERIAL PRIMARY KEY,
            reference TEXT NOT NULL UNIQUE,
            account_id BIGINT REFERENCES accounts (id),
            note TEXT CHECK (note <> ''),
            CONSTRAINT payments_pair UNIQUE (account_id, reference)
        )""")
    table = stmt.ddl_tables[0]
    assert table.name == "payments" and list(table.columns) == ["id", "reference", "account_id", "note"]
    assert [(kind, cols) for kind, cols, _ in table.keys] == [
        ("primary", ("id",)), ("unique", ("reference",)), ("unique", ("account_id", "reference"))]
    assert table.references[0][:2] == ("account_id", "accounts")


def test_create_index_forms() -> None:
    statements = parse("""
        CREATE UNIQUE INDEX CONCURRENTLY IF NOT EXISTS ix_a ON ONLY a (lower(email), tenant_id DESC);
        CREATE INDEX ix_b ON b USING gin (body gin_trgm_ops) WHERE deleted_at IS NULL;
        ALTER TABLE c ADD CONSTRAINT c_pk PRIMARY KEY (x, y), ADD COLUMN token TEXT UNIQUE;
        -- a comment; with a semicolon
        CREATE FUNCTION f() RETURNS trigger AS $$ BEGIN NEW.x := 1; RETURN NEW; END $$ LANGUAGE plpgsql;
    """)
    indexes = [(i.table, i.columns, i.unique, i.partial, i.method, i.kind) for s in statements for i in s.ddl_indexes]
    assert indexes == [
        ("a", ("lower(email)", "tenant_id"), True, False, "", "index"),
        ("b", ("body",), False, True, "gin", "index"),
        ("c", ("x", "y"), True, False, "", "primary"),
        ("c", ("token",), True, False, "", "unique"),
    ]
    assert len(statements) == 4


def test_thousands_of_statements_parse_quickly() -> None:
    sql = ("SELECT o.id, o.status, i.symbol FROM orders o JOIN instruments i ON i.id = o.instrument_id "
           "WHERE o.user_id = $1 AND o.created_at < $2 AND o.status = ANY($3) ORDER BY o.created_at DESC LIMIT $4")
    started = time.perf_counter()
    for _ in range(3000):
        parse(sql)
    assert time.perf_counter() - started < 3.0
