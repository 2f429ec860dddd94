"""RA308 race-condition: SELECT, decide in Python, then INSERT as a separate statement."""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Iterator

from ...facts.types import CallSite, FunctionFacts, ModuleFacts
from ...findings import Finding, Location
from ...model.sqlparse import parse_one
from ..api import ProjectContext, Rule, register
from ._blocking import short
from ._entries import concurrent_coroutines

_ATOMIC = re.compile(r"\bON\s+CONFLICT\b|\bON\s+DUPLICATE\s+KEY\b|\bINSERT\s+OR\s+(IGNORE|REPLACE)\b|\bMERGE\b", re.I)
_SERIALISING = re.compile(r"pg_advisory|\bLOCK\s+TABLE\b|GET_LOCK\s*\(", re.I)
_ORM_SELECT = frozenset({"select", "query"})


@dataclass
class Read:
    site: CallSite
    table: str  # SQL table, or the ORM model name


@register
class SelectThenInsert(Rule):
    """A coroutine that SELECTs to see whether a row exists and then INSERTs it in a second
    statement, with nothing making the pair atomic.

    What it finds:
        An awaited SELECT (raw SQL, or `select(Model)` / `query(Model)`) whose result decides,
        in an `if`, whether to INSERT into the same table (or `session.add(Model(...))`).
        Not reported when the INSERT handles conflicts (`ON CONFLICT`, `ON DUPLICATE KEY`,
        `INSERT OR IGNORE`), the SELECT locks (`FOR UPDATE`), the function takes an advisory
        or table lock first, or the transaction is SERIALIZABLE. Only coroutines an entry
        point reaches (requests, websockets, workers) are considered.

    Why it matters:
        Between the SELECT and the INSERT other requests run. Two concurrent requests both
        see "no row" and both insert: duplicates where the code promises one (two alerts,
        two accounts for one e-mail), or, if a unique index exists, an unhandled
        IntegrityError (a 500) for the loser of the race.

    Example:
        existing = await pool.fetchrow("SELECT id FROM alerts WHERE user_id = $1 AND ...", ...)
        if existing is not None:
            return existing["id"], False
        alert_id = await pool.fetchval("INSERT INTO alerts (...) VALUES (...) RETURNING id", ...)

    Instead:
        Let the database decide atomically: a unique index on the identifying columns and

            INSERT INTO alerts (...) VALUES (...)
            ON CONFLICT (user_id, instrument_id, direction, threshold) DO NOTHING
            RETURNING id

        then SELECT only when nothing was returned.
    """

    id = "RA308"
    name = "select-then-insert"
    category = "race-condition"
    severity = "MEDIUM"
    scope = "project"
    base_effort = 1.5

    def check(self, ctx: ProjectContext) -> Iterator[Finding]:
        examined = 0
        for fq, facts, func in concurrent_coroutines(ctx):
            statements = [(s, _sql(facts, s)) for s in func.calls if s.awaited]
            statements = [(s, text) for s, text in statements if text]
            if any(_serialising(text) for _, text in statements) or _serializable(func):
                continue
            for read in _reads(func, statements):
                examined += 1
                found = _insert_after(func, statements, read)
                if found is not None:
                    yield self._finding(ctx, fq, facts.path, read, *found)
                    break
        ctx.examine("SELECTs in coroutines", examined)

    def _finding(self, ctx: ProjectContext, fq: str, path: str, read: Read, gate: dict, insert: CallSite) -> Finding:
        description = (
            f"`{short(fq)}` reads `{read.table}` at line {read.site.line}, decides at line {gate['line']} "
            f"(`{ctx.model.line_text(path, gate['line'])}`) and inserts into `{read.table}` at line {insert.line} as a "
            f"separate statement. Nothing makes the pair atomic: two concurrent requests both find no row and both "
            f"insert, leaving duplicates (or, with a unique index, an IntegrityError for the slower one).")
        related = [Location(path, gate["line"], gate["line"], "decision on the stale read"),
                   Location(path, insert.line, insert.end_line, f"INSERT into `{read.table}`")]
        recommendation = (
            "Make the write atomic: a unique index on the columns that identify the row, and an insert that "
            "handles the conflict, falling back to a read only when nothing was inserted:\n\n"
            f"    INSERT INTO {read.table} (...) VALUES (...)\n"
            "    ON CONFLICT (<identifying columns>) DO NOTHING\n"
            "    RETURNING id")
        return self.finding(Location(path, read.site.line, read.site.end_line),
                            f"SELECT-then-INSERT on `{read.table}` without atomicity in `{short(fq)}`",
                            description, related=related, recommendation=recommendation)


@lru_cache(maxsize=16384)  # the same statement texts recur across functions
def _serialising(text: str) -> bool:
    return _SERIALISING.search(text) is not None


def _sql(facts: ModuleFacts, site: CallSite) -> str:
    first = site.args[0] if site.args else site.kwargs.get("query")
    if isinstance(first, str):
        return first
    if isinstance(first, dict) and "ref" in first and "." not in first["ref"]:
        assign = facts.assigns.get(first["ref"])
        if assign is not None and isinstance(assign.value, str):
            return assign.value
    return ""


def _reads(func: FunctionFacts, statements: list[tuple[CallSite, str]]) -> list[Read]:
    reads: list[Read] = []
    for site, text in statements:
        parsed = parse_one(text)
        if parsed.kind == "select" and parsed.main_table and not parsed.for_update and not parsed.aggregate_only:
            reads.append(Read(site, parsed.main_table))
    for site in func.calls:
        if site.func and site.func[-1] in _ORM_SELECT and site.args and isinstance(site.args[0], dict) \
                and "ref" in site.args[0] and site.args[0]["ref"][:1].isupper():
            outer = [s for s in func.calls if s.awaited and s.line <= site.line <= s.end_line]
            if outer and "with_for_update" not in " ".join(s.name for s in func.calls if s.line == site.line):
                reads.append(Read(outer[0], site.args[0]["ref"].rsplit(".", 1)[-1]))
    return reads


def _insert_after(func: FunctionFacts, statements: list[tuple[CallSite, str]], read: Read
                  ) -> tuple[dict, CallSite] | None:
    bound = _bound_from(func, read.site.line)
    for block in func.extra.get("blocks", ()):
        if block.get("kind") != "if" or block["line"] < read.site.line:
            continue
        decides = block["line"] == read.site.line or bool(bound & set(block.get("names", ())))
        if not decides:
            continue
        end = func.end_line if block.get("exits") else block["end"]
        for site, text in statements:
            if block["line"] < site.line <= end and _inserts(text, read.table):
                return block, site
        for site in func.calls:
            if block["line"] < site.line <= end and _orm_add(site, read.table):
                return block, site
    return None


def _bound_from(func: FunctionFacts, line: int) -> set[str]:
    """Locals bound from the read's result (first binding at or just after the read)."""
    names = set()
    for name, value in func.local_types.items():
        if isinstance(value, dict) and line <= value.get("line", 0) <= line + 3:
            names.add(name)
    return names


def _inserts(text: str, table: str) -> bool:
    parsed = parse_one(text)
    return parsed.kind == "insert" and parsed.main_table == table and not _ATOMIC.search(text)


def _orm_add(site: CallSite, model_name: str) -> bool:
    if not site.func or site.func[-1] != "add" or not site.args:
        return False
    made = site.args[0]
    return isinstance(made, dict) and str(made.get("call", "")).rsplit(".", 1)[-1] == model_name


def _serializable(func: FunctionFacts) -> bool:
    return any(str(site.kwargs.get("isolation", "")).lower() == "serializable" for site in func.calls)
