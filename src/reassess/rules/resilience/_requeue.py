"""Does a failure path put the row back for the loop that polls it?

A background sender often records a failed delivery with a call like `outbox.mark_failed(row.id)`.
By its name that gives the item up; but when the SQL behind it keeps the row in (or writes it back
to) the state the same loop selects its work by (`SET attempts = attempts + 1, status = CASE WHEN
attempts + 1 >= 8 THEN 'DEAD' ELSE 'PENDING' END` against `SELECT ... WHERE status = 'PENDING'`),
the next round sends it again: the outbox is the retry. Answered from the SQL strings the model
already holds per function, read with the model's SQL tokenizer.
"""
from __future__ import annotations

from typing import TYPE_CHECKING

from ...model.sqlparse import Token, parse, tokenize

if TYPE_CHECKING:
    from ...model.project import ProjectModel

# how far from the background function the poll and the failure write may sit (call hops)
_DEPTH = 2
_CLAUSE_AFTER_SET = frozenset({"WHERE", "FROM", "RETURNING"})


def requeues(model: "ProjectModel", caller: str, site) -> bool:
    """The call `site` in `caller` (a handler's `mark_failed(row.id)`) runs an UPDATE that leaves the
    row selected by a poll `caller`'s loop makes: a failed item is tried again next round."""
    written = [text for fq in _targets(model, caller, site) for text in _reached_sql(model, fq)]
    if not written:
        return False
    polls = _polls(model, caller)
    return any(row_requeued(text, polls) for text in written)


def row_requeued(text: str, polls: dict[str, list[dict[str, set[str]]]]) -> bool:
    """An UPDATE in `text` whose assignments keep every literal condition of some poll of its table
    true: each polled column is left alone, or given (directly or in a CASE branch) a polled value."""
    for parsed in parse(text):
        if parsed.kind != "update" or not parsed.main_table:
            continue
        assigned = set_values(text[parsed.pos:parsed.end])
        for conditions in polls.get(parsed.main_table, ()):
            if conditions and all(column not in assigned or _literals(assigned[column]) & values
                                  for column, values in conditions.items()):
                return True
    return False


def set_values(text: str) -> dict[str, list[Token]]:
    """Column (lowercase) -> the tokens of the value an UPDATE's SET clause gives it."""
    out: dict[str, list[Token]] = {}
    tokens = tokenize(text)
    start = next((i for i, t in enumerate(tokens) if t.depth == 0 and t.upper == "SET"), None)
    if start is None:
        return out
    column, value = "", []
    for token in tokens[start + 1:]:
        if token.depth == 0 and (token.upper in _CLAUSE_AFTER_SET or token.text == ","):
            if column:
                out[column] = value
            if token.text != ",":
                return out
            column, value = "", []
        elif not column and token.kind in ("word", "qword") and token.depth == 0:
            column = token.text.lower().rsplit(".", 1)[-1]
        elif column and not (token.text == "=" and not value):
            value.append(token)
    if column:
        out[column] = value
    return out


def literal_conditions(text: str) -> dict[str, list[dict[str, set[str]]]]:
    """Table -> for each SELECT of `text`, its top-level `column = 'value'` / `column IN ('a', 'b')`
    tests as column -> values (lowercase)."""
    out: dict[str, list[dict[str, set[str]]]] = {}
    tokens = tokenize(text)
    for parsed in parse(text):
        if parsed.kind != "select" or not parsed.main_table:
            continue
        conditions: dict[str, set[str]] = {}
        for predicate in parsed.predicates:
            if predicate.clause != "where" or predicate.nested or predicate.op not in ("=", "in") \
                    or predicate.table not in ("", parsed.main_table):
                continue
            values = _compared_literals(tokens, predicate.pos)
            if values:
                conditions.setdefault(predicate.column.lower(), set()).update(values)
        if conditions:
            out.setdefault(parsed.main_table, []).append(conditions)
    return out


def _compared_literals(tokens: list[Token], pos: int) -> set[str]:
    """The string literals a predicate starting at `pos` compares its column with."""
    after = [t for t in tokens if t.pos > pos]
    for i, token in enumerate(after[:4]):
        if token.text == "=":
            return _literals(after[i + 1:i + 2])
        if token.upper == "IN" and i + 1 < len(after) and after[i + 1].text == "(":
            inside = []
            for item in after[i + 2:]:
                if item.text == ")" and item.depth == after[i + 1].depth:
                    break
                inside.append(item)
            return _literals(inside) if all(t.kind == "str" or t.text == "," for t in inside) else set()
    return set()


def _literals(tokens: list[Token]) -> set[str]:
    return {t.text.strip("'").lower() for t in tokens if t.kind == "str"}


def _targets(model: "ProjectModel", caller: str, site) -> list[str]:
    """Project functions the call site resolves to."""
    return [e.target.name for e in model.edges.get(caller, ())
            if e.site.line == site.line and e.site.col == site.col and e.target.name in model.functions]


def _reached_sql(model: "ProjectModel", fq: str) -> list[str]:
    """SQL texts in `fq` and the project functions it calls, a few hops down."""
    by_function = _sql_by_function(model)
    return [text for name in _reach(model, fq) for text in by_function.get(name, ())]


def _polls(model: "ProjectModel", caller: str) -> dict[str, list[dict[str, set[str]]]]:
    """Literal SELECT conditions in what `caller` (and the functions that call it: the loop may fetch
    the batch and hand each row to a sender) reach."""
    by_function = _sql_by_function(model)
    roots = {caller, *(e.caller for e in model.callers.get(caller, ()))}
    out: dict[str, list[dict[str, set[str]]]] = {}
    for name in {n for root in roots for n in _reach(model, root)}:
        for text in by_function.get(name, ()):
            for table, found in literal_conditions(text).items():
                out.setdefault(table, []).extend(found)
    return out


def _reach(model: "ProjectModel", fq: str) -> set[str]:
    seen, frontier = {fq}, [fq]
    for _ in range(_DEPTH):
        frontier = [e.target.name for name in frontier for e in model.edges.get(name, ())
                    if e.target.name in model.functions and e.target.name not in seen]
        seen.update(frontier)
    return seen


def _sql_by_function(model: "ProjectModel") -> dict[str, list[str]]:
    def build() -> dict[str, list[str]]:
        out: dict[str, list[str]] = {}
        for module, facts in model.modules.items():
            for sql in facts.sql:
                if sql.function:
                    out.setdefault(f"{module}.{sql.function}", []).append(sql.text)
        return out
    return model.memo("requeue_sql_by_function", build)
