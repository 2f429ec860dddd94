"""A value read with raw SQL, compared against a limit, then the same row changed by a
separate UPDATE that does not test the compared column again (`SELECT balance ...`,
`if balance < amount: raise`, `UPDATE wallets SET balance = $2 WHERE player_id = $1`); and a
state read with raw SQL, compared with a constant, then overwritten by an UPDATE that does
not test it again (`SELECT status ...`, `if current == "signed": raise`,
`UPDATE signers SET status = 'signed' WHERE id = $1`)."""
from __future__ import annotations

import re
from typing import Callable, Iterator

from ...facts.types import FunctionFacts
from ._calls import bound_local, bound_locals
from ._dbaccess import Access
from ._text import locals_assigned_from

_COMPARE = re.compile(r"(<=|>=|<|>)")
_STAMPS = ("_at", "_on", "_time", "_date")
_CONSTANT = r"""(?:["'][^"']*["']|[A-Z][A-Z0-9_]*\b|\w+\.[A-Z][A-Z0-9_]*\b|[(\[{]\s*["'A-Z])"""


def limit_then_update(func: FunctionFacts, read: Access, updates: list[Access], text: Callable[[int], str],
                      locked: Callable[[FunctionFacts, int, int], bool]) -> tuple[str, int, dict, int] | None:
    """(row local, check line, store, update line): the local bound to an unlocked raw-SQL read
    is ordered against something by an `if` (`balance < amount`, `row["used"] >= row["cap"]`),
    then, after the `if` when it exits or inside its branch when not, an UPDATE of the same table
    for the same key (an argument of the read passed again)
    whose WHERE tests none of the compared columns, with no lock held across both."""
    found: list[tuple[bool, tuple[str, int, dict, int]]] = []
    parts = bound_locals(func, read.line, read.call)
    for row, keys, block in _exiting_checks(func, read, updates):
        compared = compared_columns(text(block["line"]), row)
        # `on_hand - reserved < qty` with both from one read: a WHERE re-testing either re-tests the check
        tested = {c for part in parts for c in compared_columns(text(block["line"]), part)}
        for update in updates if compared else ():
            if update.table == read.table and _guarded(block, update.line) and not update.where.intersection(tested) \
                    and _same_columns(read, update) \
                    and keys & refs_at(func, update.line) and not locked(func, read.line, update.line):
                store = {"target": f"{row}.{compared[0]}", "line": update.line, "kind": "statement",
                         "call": update.call, "at": update.at, "limit": True}
                found.append((bool(update.columns.intersection(compared)), (row, block["line"], store, update.line)))
                break
    # the check that orders the column the UPDATE writes (`uses >= max_uses`, then `SET uses = uses + 1`)
    # is the one the race defeats, rather than an earlier test of another column (`expires_at < now`)
    return next((hit for writes, hit in found if writes), found[0][1] if found else None)


def _exiting_checks(func: FunctionFacts, read: Access, updates: list[Access]) -> Iterator[tuple[str, set[str], dict]]:
    """(row local, the key names the read was given and the row local itself, the `if` block) for every `if` that
    tests the local bound to an unlocked raw-SQL read (an ORM read, named in capitals, is the
    ORM rules' subject)."""
    if read.label[:1].isupper() or not updates:
        return
    for row in bound_locals(func, read.line, read.call):
        keys = refs_at(func, read.line) - {row} | {row}  # the row's own key (`set_balance(wallet["id"], ...)`) too
        for block in func.extra.get("blocks", ()):
            if block.get("kind") == "if" and block["line"] > read.line and row in block.get("names", ()):
                yield row, keys, block


def _same_columns(read: Access, update: Access) -> bool:
    """The UPDATE sets a column the read selected (unknown on either side: assumed): touching
    another column of the row (`SET seen_at = now()`) does not act on the checked value."""
    return not read.columns or not update.columns or bool(read.columns & update.columns)


def _guarded(block: dict, line: int) -> bool:
    """The line runs only when the check allowed it: inside the branch or its `else`
    (`if balance >= amount: <update>`), or after an `if` that leaves the function."""
    return block["line"] < line and (bool(block.get("exits")) or line <= max(block["end"], block.get("else_end") or 0))


def compared_columns(line: str, row: str) -> list[str]:
    """The columns of `row` an ordering comparison on the line reads (the local itself for a
    scalar: `balance < amount`); empty when the row is only tested for presence."""
    found: dict[str, None] = {}
    for part in re.split(r"\band\b|\bor\b", line):
        if not _COMPARE.search(part) or not re.search(rf"\b{re.escape(row)}\b", part):
            continue
        columns: dict[str, None] = {}
        for match in re.finditer(rf"\b{re.escape(row)}\s*(?:\[\s*[\"'](\w+)[\"']\s*\]|\.(\w+))", part):
            columns[(match.group(1) or match.group(2)).lower()] = None
        found.update(columns or {row.lower(): None})
    return list(found)


def refs_at(func: FunctionFacts, line: int, last: int | None = None, roots: bool = True) -> set[str]:
    """Names passed (as plain references) to the calls on one line (or on `line`..`last`): their
    roots (`wallet` of `wallet.id`), or with `roots=False` the references as written."""
    last = line if last is None else last
    return {v["ref"].split(".", 1)[0] if roots else v["ref"] for s in func.calls if line <= s.line <= last
            for v in (*s.args, *s.kwargs.values()) if isinstance(v, dict) and isinstance(v.get("ref"), str)}


def state_then_update(func: FunctionFacts, read: Access, updates: list[Access], text: Callable[[int], str],
                      locked: Callable[[FunctionFacts, int, int], bool]) -> tuple[str, int, dict, int] | None:
    """(row local, check line, store, update line): a state column read with raw SQL (the
    local bound to `SELECT status ...`, or `row["status"]`) compared with a constant by an
    exiting `if` (`current == "signed"`, `row["state"] not in ("draft", "sent")`), then an
    UPDATE of the same table for the same key that assigns that column and whose WHERE does
    not test it, with no lock held across both; a claim (`row["assigned_to"] is not None`, then
    `SET assigned_to = $2`) is such a transition, and so is a version compared with the
    caller's (`current != expected_version`, then `SET version = $2`). An ownership or presence
    check (`row["owner"] != user_id` when the UPDATE leaves `owner` alone, `row is None`) is not a state test."""
    for row, keys, block in _exiting_checks(func, read, updates):
        assigned = frozenset(c for u in updates if u.table == read.table for c in u.columns)
        for column in _state_columns(text(block["line"]), row, read.columns, assigned):
            for update in updates:
                if update.table == read.table and update.line > block["end"] and column in update.columns \
                        and column not in update.where and keys & refs_at(func, update.line) \
                        and not locked(func, read.line, update.line):
                    store = {"target": f"{row}.{column}", "line": update.line, "kind": "statement",
                             "call": update.call, "at": update.at, "sql": True}
                    return row, block["line"], store, update.line
    return None


def _state_columns(line: str, row: str, selected: frozenset[str], assigned: frozenset[str] = frozenset()) -> list[str]:
    """The state columns of `row` compared with a constant on the line: `row["status"] != "open"`
    names its column; a scalar `current == "signed"` is the one column its SELECT returns; a
    named column tested for NULL (`row["assigned_to"] is not None`) is a claim state too (the
    bare row tested for None is only a presence check). Compared with a value that is not a
    constant (`current != expected_version`), only a column the UPDATE then assigns (`assigned`)
    counts: the check and the write are then a compare-and-set split in two."""
    found: dict[str, None] = {}
    name = re.escape(row)
    for match in re.finditer(rf"\b{name}\s*(?:\[\s*[\"'](\w+)[\"']\s*\]|\.(\w+))\s*is\s+(?:not\s+)?None\b", line):
        found[(match.group(1) or match.group(2)).lower()] = None
    for match in re.finditer(rf"\b{name}\s*(?:\[\s*[\"'](\w+)[\"']\s*\]|\.(\w+))?\s*(?:==|!=|not\s+in\b|in\b)\s*"
                             rf"{_CONSTANT}", line):
        column = match.group(1) or match.group(2)
        if column:
            found[column.lower()] = None
        elif len(selected) == 1:
            found[next(iter(selected))] = None
    if assigned:  # a compare-and-set done in Python: `if current != expected_version: raise`, then `SET version = $2`
        pattern = rf"\b{name}\s*(?:\[\s*[\"'](\w+)[\"']\s*\]|\.(\w+))?\s*(?:==|!=)\s*(?!None\b)[A-Za-z_]"
        for match in re.finditer(pattern, line):
            column = (match.group(1) or match.group(2) or (next(iter(selected)) if len(selected) == 1 else "")).lower()
            if column in assigned:
                found[column] = None
    return list(found)


def blind_update(func: FunctionFacts, read: Access, updates: list[Access], text: Callable[[int], str],
                 locked: Callable[[FunctionFacts, int, int], bool]) -> tuple[str, int, dict, int] | None:
    """(value local, read line, store, update line): a value read without a lock (`balance = await
    accounts.get_balance(account_id)`, raw SQL or ORM, directly or through a repository) and written
    back, stepped, by an UPDATE of the same table given the same key (`set_balance(account_id,
    balance - amount)`, or a record's column, `set_reply_count(thread_id, thread["reply_count"] + 1)`)
    that assigns the column read: a read-modify-write split in two statements,
    whatever the code checks in between. Cited at the read."""
    value = bound_local(func, read.line, read.call)
    keys = refs_at(func, read.line) - {value}
    if not value or not keys or read.counts:
        return None
    field = r"(?:\.\w+|\[[^\[\]]*\])?"  # `row.balance`, `row["balance"]` (its quoted key dropped below)
    stepped = re.compile(rf"\b{re.escape(value)}\b{field}\s*[-+*]|[-+]\s*\b{re.escape(value)}\b")
    for update in updates:
        if update.table != read.table or update.line <= read.line or locked(func, read.line, update.line) \
                or not _same_record(func, read, update, keys, value, text):
            continue
        written = read.selected | read.columns
        columns = sorted(update.columns & written) if update.columns and written else sorted(update.columns)
        if len(columns) == 1 and columns[0] not in update.where and _written_stepped(value, columns[0], read, update,
                                                                                      text, stepped):
            column, scalar = columns[0], bool(written)
        else:
            # several columns assigned (`.values(expires_at=..., extension_count=count)`): the one whose
            # own value read is written back stepped (`lock.extension_count + 1`)
            column, scalar = next((c for c in columns if len(columns) > 1 and c not in update.where and not written
                                   and _column_stepped(value, c, read, update, text)), ""), False
        if column:
            store = {"target": f"{value}.{column}", "line": update.line, "kind": "statement",
                     "call": update.call, "at": update.at, "blind": True, "scalar": scalar}
            return value, read.line, store, update.line
    return None


def _column_stepped(value: str, column: str, read: Access, update: Access, text: Callable[[int], str]) -> bool:
    """The UPDATE's arguments step this column of the row read (`lock.extension_count + 1`), directly
    or through a local computed from it."""
    arguments = re.sub(r"\"[^\"]*\"|'[^']*'", "", _source(update, text).partition("(")[2])
    own = rf"\b{re.escape(value)}\.{re.escape(column)}\b"
    return re.search(rf"{own}\s*[-+*]|[-+]\s*{own}", arguments) is not None or any(
        re.search(rf"\b{local}\b", arguments) for local in _derived(value, column, read, update, text))


def _same_record(func: FunctionFacts, read: Access, update: Access, keys: set[str], value: str,
                 text: Callable[[int], str]) -> bool:
    """The UPDATE is given the key the read was (`set_balance(account_id, ...)`), or - for a row
    read through a model class - the row found itself (`give(seat.id, ...)`)."""
    return bool(keys & refs_at(func, update.line)) or read.label[:1].isupper() and _of_row(func, value, update, text)


def _written_stepped(value: str, column: str, read: Access, update: Access, text: Callable[[int], str],
                     stepped: re.Pattern[str]) -> bool:
    """The UPDATE's arguments step the value read (`balance - amount`), directly or through a local
    computed from it (`_derived`); quoted SQL text (`balance - $2`) is the database's and not counted."""
    arguments = re.sub(r"\"[^\"]*\"|'[^']*'", "", _source(update, text).partition("(")[2])
    return stepped.search(arguments) is not None or any(
        re.search(rf"\b{local}\b", arguments) for local in _derived(value, column, read, update, text))


def _derived(value: str, column: str, read: Access, update: Access, text: Callable[[int], str]) -> list[str]:
    """Locals assigned between the read and the UPDATE from arithmetic on the value read
    (`new_balance = min(cap, employee.pto_hours + hours)`: the column of a row read, the value itself
    for a scalar read): the stepped value, handed to the UPDATE under another name."""
    read_as = rf"\b{re.escape(value)}\.{re.escape(column)}\b" if read.label[:1].isupper() \
        else rf"\b{re.escape(value)}\b(?:\[\s*[\"']{re.escape(column)}[\"']\s*\]|\.{re.escape(column)}\b)?"  # a record's column
    return locals_assigned_from(read.line, update.line, rf"{read_as}\s*[-+*]|[-+]\s*{read_as}", text)


def claim_in_filter(func: FunctionFacts, read: Access, updates: list[Access], text: Callable[[int], str],
                    statement: str, locked: Callable[[FunctionFacts, int, int], bool]
                    ) -> tuple[str, int, dict, int] | None:
    """(row local, read line, store, update line): a row picked without a lock because a column is
    free or in a state (`select(Address).where(Address.customer_id.is_(None)).limit(1)`, the SELECT's
    source text given as `statement`), then that column assigned by an UPDATE of the row found
    (`assign(address.id, customer_id)`) whose WHERE does not test it again: two requests pick the
    same free row and both claim it. Cited at the read: the filter is the only check there is."""
    row = bound_local(func, read.line, read.call)
    if not row or not read.label[:1].isupper() or read.counts:
        return None
    for column in sorted(read.where):
        if column.endswith(_STAMPS) or not _filters_free(statement, read.label, column):
            continue  # `deleted_at IS NULL`, then set: marking twice is harmless, unlike taking a row twice
        for update in updates:
            if update.table == read.table and update.line > read.line and column in update.columns \
                    and column not in update.where and _of_row(func, row, update, text) \
                    and not locked(func, read.line, update.line):
                store = {"target": f"{row}.{column}", "line": update.line, "kind": "statement",
                         "call": update.call, "at": update.at, "filtered": True}
                return row, read.line, store, update.line
    return None


def _filters_free(statement: str, label: str, column: str) -> bool:
    """The SELECT keeps rows whose `column` is NULL or a constant state (`Model.col.is_(None)`,
    `Model.col == None`, `Model.col == Status.FREE`, `Model.col == "open"`)."""
    attribute = rf"\b{re.escape(label)}\.{re.escape(column)}"
    return re.search(rf"{attribute}\s*(?:\.is_\(\s*None\s*\)|==\s*(?:None\b|{_CONSTANT}))", statement) is not None


def _of_row(func: FunctionFacts, row: str, update: Access, text: Callable[[int], str]) -> bool:
    """The UPDATE is given the row found (`give(seat.id, ...)`, `.where(Job.id == job.id)`)."""
    return row in refs_at(func, update.line) \
        or re.search(rf"==\s*{re.escape(row)}\.\w+\b", _source(update, text)) is not None


def _source(update: Access, text: Callable[[int], str]) -> str:
    """The lines of the UPDATE's call, joined into one."""
    return " ".join(text(line) for line in range(update.line, update.end_line + 1))
