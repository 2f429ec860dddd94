"""RA308 race-condition: SELECT, decide in Python, then INSERT as a separate statement."""
from __future__ import annotations

import re
from dataclasses import replace
from functools import lru_cache, partial
from typing import Callable, Iterator

from ...facts.types import FunctionFacts, ModuleFacts
from ...findings import Finding, Location
from ...model.data import of_context
from ...model.schema import Index
from ..api import ProjectContext, Rule, register
from ._blocking import short
from ._calls import bound_local, bound_site
from ._text import arithmetic_on, assignments_from, locals_assigned_from
from ._dbaccess import Access, db_access, sql_text, unique_handled
from ._entries import serving_coroutines
from ._limit_then_update import refs_at
from ._rowlocks import row_locked_before
from .check_then_act_across_await import _loop_end, callers_hold_lock, locked

_SERIALISING = re.compile(r"pg_advisory|\bLOCK\s+TABLE\b|GET_LOCK\s*\(", re.I)
_SEMAPHORE = re.compile(r"sem|limit|throttle", re.I)


@register
class SelectThenInsert(Rule):
    """A coroutine that SELECTs to see whether a row exists and then INSERTs it in a second
    statement, with nothing making the pair atomic.

    What it finds:
        An awaited SELECT (raw SQL, `select(Model)` / `query(Model)`, `session.get(Model, pk)`),
        made directly or through a repository or service method (two calls down), whose
        result an `if` tests, followed on the branch where no row was found by an INSERT into
        the same table: raw SQL, `insert(Model)`, or `session.add(Model(...))` (also through a
        helper, the added object's class taken from the caller's argument). When a helper answers the
        negation of its read (`return not await self.clashes(...)`), an insert in the body of `if
        await repo.slot_is_free(...):` is on the branch where the read found nothing.
        Not reported when the insert handles conflicts (`ON CONFLICT`, `ON DUPLICATE KEY`,
        `INSERT OR IGNORE`, `on_conflict_do_nothing()`), a `try` around the insert or the commit
        after it catches `IntegrityError`/`UniqueViolationError` (or the helper that inserts
        does), the SELECT locks (`FOR UPDATE`, `.with_for_update()`), a lock is held across both
        (or by every caller), the coroutine takes an advisory or table lock or runs SERIALIZABLE,
        or the branch that inserts is the one where the row was found. Also a row count compared
        with a limit (`taken = await count(...)`, `if taken >= course.seat_limit: raise`) before an
        insert into the counted table (also one that ignores conflicts, `on_conflict_do_nothing()`:
        it still adds a row), or before an UPDATE that moves a row into the counted set
        (the count filters on `status`, the UPDATE sets `status`), cited at the comparison; an
        existence check (`slot_taken(inspector, day, slot)`) before an UPDATE that assigns every
        column the check filters on (a double booking); and a column's highest value read
        (`select(func.max(Load.ref))`, also inside `func.coalesce(..., 0)`, or `SELECT MAX(...)`) and the
        next one, computed on the read's line (`ref = (await repo.max_ref()) + 1`) or later, inserted into
        the same table (also a field of the row read, stepped among the insert's arguments:
        `row["pos"] + 1`, or a helper's next number built straight into the inserted object:
        `Invoice(number=await repo.next_number())`). A
        locking read earlier in the coroutine (the parent row `.with_for_update()`) serialises it.
        A transaction alone is not a guard: at READ COMMITTED (the PostgreSQL default) two transactions still both
        see no row. Considered: coroutines an entry point reaches (requests, websockets,
        workers), and uncalled methods of classes the serving app uses (their callers lie
        outside the code).

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
        db = db_access(ctx)
        examined = 0
        seen: set[tuple[str, int]] = set()
        for fq, facts, func in serving_coroutines(ctx):
            summary = db.summary(fq)
            if not (summary.reads or summary.peaks) or not (summary.inserts or summary.updates or summary.upserts) \
                    or serialised(facts, func):
                continue
            text = partial(ctx.model.line_text, facts.path)
            findings, looked = self._read_findings(ctx, fq, facts, func, summary, text)
            examined += looked
            for finding in findings:  # a limit checked in a shared helper: one finding at the helper's check
                where = (finding.location.path, finding.location.start_line)
                if where not in seen:
                    seen.add(where)
                    yield finding
            for peak, insert, stepped in _numbered_inserts(func, summary, text):
                examined += 1
                if not callers_hold_lock(ctx.model, fq):
                    yield self._peak_finding(ctx, fq, facts.path, peak, insert, stepped)
        ctx.examine("SELECTs in coroutines", examined)

    def _read_findings(self, ctx: ProjectContext, fq: str, facts: ModuleFacts, func: FunctionFacts, summary,
                       text: Callable[[int], str]) -> tuple[list[Finding], int]:
        """The check-then-insert findings of one coroutine (one for a count, one for an existence
        check), and how many reads were examined."""
        kinds: set[bool] = set()
        found_all: list[Finding] = []
        examined = 0
        for read in sorted(summary.reads, key=lambda a: (a.line, a.table)):
            read, spans = _len_limited(func, read, text)
            if read.counts in kinds:
                continue
            spans = spans or _negated_test(ctx, fq, func, read, text)
            examined += 1
            if read.counts and row_locked_before(facts, func, read.line, ctx.model, fq):
                continue  # a locked parent row (`with_for_update()`) serialises the count and the insert
            helper = _limit_in_helper(ctx, fq, read) if read.counts and read.through and spans is None else None
            if helper is not None:  # `await quotas.ensure_slot(ws_id)`: the helper raises past the limit
                spans = [(read.line, (read.end_line + 1, func.end_line))]
            added = summary.inserts + summary.upserts if read.counts else summary.inserts  # an upsert still adds
            found = _insert_after(func, added, read, text, spans) \
                or _moved_after(func, summary.updates, read, text, spans)
            if found is not None and not callers_hold_lock(ctx.model, fq):
                found_all.append(self._helper_finding(ctx, fq, facts.path, read, helper, found[1]) if helper else
                                 (self._count_finding if read.counts else self._finding)(
                                     ctx, fq, facts.path, func, read, *found))
                kinds.add(read.counts)
        return found_all, examined

    def _finding(self, ctx: ProjectContext, fq: str, path: str, func: FunctionFacts, read: Access, gate: int,
                 insert: Access) -> Finding:
        if insert.where and insert.columns:  # an UPDATE that moves a row into the slot the read found free
            return self._moved_finding(ctx, fq, path, read, gate, insert)
        model = ctx.model
        description = (
            f"`{short(fq)}` reads `{read.label}` rows with `{read.call}(...)` at line {read.line}"
            f"{_elsewhere(path, read, 'SELECT')}, "
            f"decides at line {gate} (`{model.line_text(path, gate)}`) and inserts into `{insert.label}` with "
            f"`{insert.call}(...)` at line {insert.line}{_elsewhere(path, insert, 'insert')} as a separate step. "
            f"Nothing makes the pair atomic (no upsert, no unique-violation handling, no lock across both): two "
            f"concurrent requests both find no row and both insert, ")
        key = _unique_key(ctx, read)
        if key is None:
            description += ("leaving duplicates (or, with a unique index, an unhandled IntegrityError for the slower "
                            "one).")
        else:
            declared = "by a migration beside the analysed folder" if key.outside else f"at {key.path}:{key.line}"
            description += (f"but the unique key ({', '.join(key.columns)}) declared {declared} "
                            f"rejects the second row: the slower request fails with an unhandled IntegrityError "
                            f"(a 500 instead of the outcome the check at line {gate} gives).")
        related = _related(path, read, gate, insert, f"insert into `{insert.label}`", "the insert")
        return self.finding(_read_and_decision(path, read, gate),
                            f"Check-then-insert on `{read.label}` without atomicity in `{short(fq)}`",
                            description, related=related, recommendation=_recommendation(func, read, insert),
                            severity=None if key is None else "LOW")

    def _moved_finding(self, ctx: ProjectContext, fq: str, path: str, read: Access, gate: int,
                       update: Access) -> Finding:
        tested = ", ".join(sorted(read.where - read.selected))
        description = (
            f"`{short(fq)}` checks with `{read.call}(...)` at line {read.line}{_elsewhere(path, read, 'SELECT')} that "
            f"no `{read.label}` row has these values of {tested}, decides at line {gate} "
            f"(`{ctx.model.line_text(path, gate)}`) and then sets them on a row with `{update.call}(...)` at line "
            f"{update.line}{_elsewhere(path, update, 'UPDATE')}. Nothing makes the pair atomic: two concurrent "
            f"requests both find the values free and both take them (a double booking), unless a unique constraint "
            f"on ({tested}) stops the second.")
        related = _related(path, read, gate, update, f"update of `{update.label}` into the checked values",
                           "the UPDATE")
        recommendation = (f"Let the database decide: a unique constraint on ({tested}) and handle the conflict "
                          "instead of checking first, or lock the rows the check reads:\n\n"
                          "    try:\n"
                          f"        await {update.call}(...)\n"
                          "        await session.commit()\n"
                          "    except IntegrityError:\n"
                          "        await session.rollback()\n"
                          "        ...  # taken meanwhile")
        return self.finding(_read_and_decision(path, read, gate),
                            f"Check-then-update on `{read.label}` without atomicity in `{short(fq)}`",
                            description, related=related, recommendation=recommendation)

    def _helper_finding(self, ctx: ProjectContext, fq: str, path: str, read: Access,
                        helper: tuple[str, str, int, int], insert: Access) -> Finding:
        callee, at, gate, counted = helper
        description = (
            f"`{short(fq)}` calls `{short(callee)}` at line {read.line}, which counts `{read.label}` rows "
            f"({at}:{counted}) and refuses past a limit at {at}:{gate} (`{ctx.model.line_text(at, gate)}`), "
            f"and then inserts into `{insert.label}` with `{insert.call}(...)` at line {insert.line}. Nothing "
            "serialises the count and the insert (no lock on the row that owns the limit): concurrent requests "
            "all pass the check and all insert, so the limit is exceeded. A unique index cannot catch this.")
        related = [Location(at, counted, counted, f"the unlocked count of `{read.label}` rows"),
                   Location(path, read.line, read.end_line, f"`{short(callee)}` called: the limit check"),
                   Location(path, insert.line, insert.end_line, f"insert into `{insert.label}`")]
        recommendation = (
            "Lock the row that carries the limit (`SELECT ... FOR UPDATE`) in the helper, in the same transaction "
            "as the caller's insert, or keep a counter column and take a slot with a conditional UPDATE "
            "(`... SET used = used + 1 WHERE id = :id AND used < quota RETURNING used`).")
        return self.finding(Location(at, gate, gate),
                            f"Count checked in `{short(callee)}`, then `{insert.label}` inserted without a lock in "
                            f"`{short(fq)}`", description, related=related, recommendation=recommendation)

    def _peak_finding(self, ctx: ProjectContext, fq: str, path: str, peak: Access, insert: Access,
                      stepped: int) -> Finding:
        """Cited where the next number is taken: the line computing it from the maximum, else the read."""
        stored = bool(insert.columns)  # an UPDATE setting the number on an existing row
        verb, what = ("stores the next one on a `", "UPDATE") if stored else ("inserts the next one into `", "insert")
        description = (
            f"`{short(fq)}` takes the highest `{peak.label}` value with `{peak.call}(...)` at line {peak.line}"
            f"{_elsewhere(path, peak, 'MAX() query')} and {verb}{insert.label}` with "
            f"`{insert.call}(...)` at line {insert.line}{_elsewhere(path, insert, what)}. Two concurrent "
            f"requests read the same maximum and {'store' if stored else 'insert'} the same number: a duplicate, "
            "or with a unique constraint on the number an unhandled IntegrityError (a 500) for the slower one.")
        related = [Location(path, insert.line, insert.end_line,
                            f"{'UPDATE of' if stored else 'insert into'} `{insert.label}` with the number"),
                   *_elsewhere_locations(path, ((peak, "the MAX() query"), (insert, f"the {what}")))]
        if stepped:
            related.insert(0, Location(path, peak.line, peak.end_line, "the highest value read"))
        recommendation = (
            "Let the database hand out the number atomically: a counter row incremented with "
            "`UPDATE counters SET next = next + 1 WHERE ... RETURNING next` in the inserting transaction (or "
            "a sequence), or keep the unique constraint and retry the insert on IntegrityError.")
        cited = Location(path, stepped, stepped) if stepped else Location(path, peak.line, peak.end_line)
        return self.finding(cited,
                            f"Next `{peak.label}` number taken from MAX() then {'stored' if stored else 'inserted'} "
                            f"in `{short(fq)}`",
                            description, related=related, recommendation=recommendation)

    def _count_finding(self, ctx: ProjectContext, fq: str, path: str, func: FunctionFacts, read: Access, gate: int,
                       insert: Access) -> Finding:
        check = ctx.model.line_text(path, gate)
        moved = sorted(insert.columns & read.where)  # an UPDATE that moves a row into the counted set
        action = (f"moves a row into the counted set (`SET {', '.join(moved)}`)" if moved else
                  f"inserts into `{insert.label}`")
        description = (
            f"`{short(fq)}` counts `{read.label}` rows with `{read.call}(...)` at line {read.line}"
            f"{_elsewhere(path, read, 'count')}, compares the count at line {gate} (`{check}`) and then {action} "
            f"with `{insert.call}(...)` at line {insert.line}"
            f"{_elsewhere(path, insert, 'UPDATE' if moved else 'insert')}. "
            f"Nothing serialises the count and the {'UPDATE' if moved else 'insert'} (no lock on the row that owns "
            f"the limit, no advisory lock, no SERIALIZABLE transaction): concurrent requests all count the same "
            f"number, all pass the check and all {'update' if moved else 'insert'}, so the limit is exceeded."
            + ("" if moved else " A unique index cannot catch this: every inserted row is different."))
        related = [Location(path, read.line, read.end_line, f"the unlocked count of `{read.label}` rows"),
                   Location(path, insert.line, insert.end_line,
                            f"UPDATE of `{insert.label}` that adds to the count" if moved else
                            f"insert into `{insert.label}`"),
                   *_elsewhere_locations(path, ((read, "the count query"),
                                                (insert, "the UPDATE" if moved else "the insert")))]
        recommendation = (
            "Lock the row that carries the limit before counting, in the same transaction as the insert, so "
            "concurrent requests take turns (or keep a counter column and increment it with a conditional "
            "UPDATE):\n\n"
            "    async with session.begin():\n"
            "        parent = (await session.execute(\n"
            "            select(Parent).where(Parent.id == parent_id).with_for_update()\n"
            "        )).scalar_one()\n"
            f"        taken = {read.call}(...)\n"
            f"        {check.strip()}\n"
            "            ...\n"
            f"        {insert.call}(...)")
        return self.finding(Location(path, gate, gate),
                            f"Count-then-{'update' if moved else 'insert'} on `{insert.label}` against a limit "
                            f"without a lock in `{short(fq)}`",
                            description, related=related, recommendation=recommendation)


def _numbered_inserts(func: FunctionFacts, summary, text: Callable[[int], str]
                      ) -> Iterator[tuple[Access, Access, int]]:
    """(the peak read, the insert, the line stepping the maximum or 0) when a column's highest
    value is read (`number = await builds.next_number(repo_id)`, a helper returning
    `max(number) + 1`) and the value, or one
    computed from it, is passed to an insert into the same table with no unique-violation
    handling and no lock held across both."""
    for peak in summary.peaks:
        local = bound_local(func, peak.line, peak.call) or _bound_expression(peak, text)
        names = _peak_names(func, peak, local, text)
        if not names:
            continue
        insert = _racing_insert(func, summary, peak, names, local, text)
        if insert is not None:
            yield peak, insert, _stepped_at(peak.end_line, insert.line, local, text) if local else 0


def _peak_names(func: FunctionFacts, peak: Access, local: str | None, text: Callable[[int], str]) -> set[str]:
    """The names that carry the peak value on: the local it is read into and those computed from it,
    objects built from them (`issue = Issue(seq=seq)`, then `session.add(issue)`), and an object
    built around the read itself (`Invoice(number=await repo.next_number())`: the number goes in)."""
    names = {local, *locals_assigned_from(peak.end_line, func.end_line, arithmetic_on(local), text)} \
        if local else set()
    names |= _built_from(func, names, peak.line)
    names |= _built_around(func, peak)
    return names


def _racing_insert(func: FunctionFacts, summary, peak: Access, names: set[str], local: str | None,
                   text: Callable[[int], str]) -> Access | None:
    """The first later insert into the peak's table that writes one of `names` (or the local stepped
    in place), with no unique-violation handler and no lock from the read to it: two callers read
    the same maximum and both insert it, and nothing turns the second into a retry. An UPDATE that
    stores the number on an existing row (`SET badge_seq = $2`) hands out the same duplicate."""
    writes = [*summary.inserts, *(u for u in summary.updates if u.columns)]
    return next((i for i in sorted(writes, key=lambda a: a.line) if i.table == peak.table and i.line > peak.line
                 and (names & refs_at(func, i.line, i.end_line, roots=False)
                      or local and _stepped_in(i, local, text))
                 and not unique_handled(func, i.line)
                 and not _locked(func, peak.line, i.line)), None)


def _stepped_in(insert: Access, local: str, text: Callable[[int], str]) -> bool:
    """The insert's arguments step the maximum (`last + 1`) or a field of the row the MAX() read
    returned (`row["pos"] + 1`, `row.top + 1`): the facts keep no value for arithmetic, so the
    call's lines are read."""
    stepped = re.compile(rf"\b{re.escape(local)}(?:\[[^\]]+\]|\.\w+)*\s*\+")
    return any(stepped.search(text(line)) for line in range(insert.line, insert.end_line + 1))


def _bound_expression(read: Access, text: Callable[[int], str]) -> str:
    """The local an expression around the read is bound to on the read's line (`next_ref =
    (await repo.max_ref()) + 1`): the facts record no value for arithmetic, so the line is read."""
    called = rf"\b{re.escape(read.call.rsplit('.', 1)[-1])}\s*\("
    return next((name for _line, name in assignments_from(read.line - 1, read.line + 1, called, text)), "")


def _stepped_at(after: int, before: int, local: str, text: Callable[[int], str]) -> int:
    """The line between the MAX() read and the insert that computes the next number from the
    maximum on a line of its own (`next_number = (last or 0) + 1`): where the number is taken
    (0 when the read's line does it, `number = await repo.max_number() + 1`)."""
    return next((line for line, _name in assignments_from(after, before, arithmetic_on(local), text)), 0)


def _built_around(func: FunctionFacts, peak: Access) -> set[str]:
    """Locals bound to an object built with the peak call's own result among its arguments
    (`invoice = Invoice(number=await invoices.next_number(), ...)`): the helper hands out the number."""
    made = {"call": peak.call, "line": peak.line}
    built = set()
    for local, value in func.local_types.items():
        site = bound_site(func, value) if isinstance(value, dict) and value.get("call") \
            and value.get("line", 0) <= peak.line else None
        if site is not None and site.end_line >= peak.line and made in (*site.args, *site.kwargs.values()):
            built.add(local)
    return built


def _built_from(func: FunctionFacts, names: set[str], after: int) -> set[str]:
    """Locals bound after line `after` to an object built from one of `names` (`Issue(seq=seq)`)."""
    built = set()
    for local, value in func.local_types.items():
        site = bound_site(func, value) if isinstance(value, dict) and value.get("call") \
            and value.get("line", 0) > after else None
        if site is not None and any(isinstance(v, dict) and v.get("ref") in names
                                    for v in (*site.args, *site.kwargs.values())):
            built.add(local)
    return built


def _related(path: str, read: Access, gate: int, write: Access, write_note: str, write_what: str
             ) -> list[Location]:
    """The decision (unless cited with the read), the write, and the statements that helpers
    run in other functions."""
    related = [] if gate == read.line or _spans(read, gate) else [
        Location(path, gate, gate, "decision on the unlocked read")]
    related.append(Location(path, write.line, write.end_line, write_note))
    return related + _elsewhere_locations(path, ((read, "the SELECT"), (write, write_what)))


def _elsewhere_locations(path: str, accesses: tuple[tuple[Access, str], ...]) -> list[Location]:
    """The statement of each access made through a helper, where the helper runs it."""
    return [Location(access.at[0], access.at[1], access.at[1], note) for access, note in accesses
            if access.at != (path, access.line)]


def _unique_key(ctx: ProjectContext, read: Access) -> Index | None:
    """A primary key or unique constraint whose columns the ORM read all tests: the database
    keeps duplicates out, so the race costs the loser an error, not a duplicate row."""
    schema = of_context(ctx).schema
    table = schema.tables.get(read.table)
    if table is None or not read.where or read.counts:
        return None
    attrs = {column.attr or name: name for name, column in table.columns.items()}
    tested = {attrs.get(attr, attr) for attr in read.where}
    return next((i for i in schema.indexes_of(read.table) if i.kind in ("primary", "unique") and not i.partial
                 and i.columns and set(i.columns) <= tested), None)


def _recommendation(func: FunctionFacts, read: Access, insert: Access) -> str:
    if not insert.label[:1].isupper():
        return ("Make the write atomic: a unique index on the columns that identify the row, and an insert that "
                "handles the conflict, falling back to a read only when nothing was inserted:\n\n"
                f"    INSERT INTO {insert.label} (...) VALUES (...)\n"
                "    ON CONFLICT (<identifying columns>) DO NOTHING\n"
                "    RETURNING id")
    commit = next((s.name.rsplit(".", 1)[0] for s in func.calls
                   if s.func and s.func[-1] in ("commit", "flush") and s.line > insert.line), "session")
    return (f"Let the database decide: a unique constraint on the columns that identify a `{insert.label}`, and "
            f"handle the conflict instead of checking first (or insert with "
            f"`insert({insert.label}).values(...).on_conflict_do_nothing(...)`):\n\n"
            "    from sqlalchemy.exc import IntegrityError\n\n"
            "    try:\n"
            f"        {insert.call}(...)\n"
            f"        await {commit}.commit()\n"
            "    except IntegrityError:\n"
            f"        await {commit}.rollback()\n"
            "        ...  # the row exists already: the duplicate path")


def _elsewhere(path: str, access: Access, what: str) -> str:
    if not access.through:
        return ""
    where = access.at[1] if access.at[0] == path else f"{access.at[0]}:{access.at[1]}"
    return f" (the {what} is at {'line ' if access.at[0] == path else ''}{where})"


@lru_cache(maxsize=16384)  # the same statement texts recur across functions
def _serialising(text: str) -> bool:
    return _SERIALISING.search(text) is not None


def serialised(facts: ModuleFacts, func: FunctionFacts) -> bool:
    """An advisory or table lock (in SQL text, or `func.pg_advisory_xact_lock(...)` built with the ORM),
    or a SERIALIZABLE transaction, in the coroutine."""
    for site in func.calls:
        if str(site.kwargs.get("isolation", "")).lower() == "serializable" or _serialising(site.name or ""):
            return True
        text = sql_text(facts, func, site) if site.args else ""
        if text and _serialising(text):
            return True
    return False


def _limit_in_helper(ctx: ProjectContext, fq: str, read: Access) -> tuple[str, str, int, int] | None:
    """(the helper, its path, the line of its limit check, the line it counts on) when the count
    was taken by the project helper called at the read's line and the helper itself refuses past
    a limit (`count = await
    repo.member_count(ws)`, `if count >= ws.quota: raise`): a guard whose caller then inserts."""
    model = ctx.model
    edge = next((e for e in model.edges.get(fq, ()) if e.site.line == read.line
                 and e.site.name == read.call), None)
    callee = model.callee_function(edge.target) if edge is not None else ""
    if not callee:
        return None
    facts, func = model.functions[callee]
    text = partial(model.line_text, facts.path)
    exiting = {b["line"] for b in func.extra.get("blocks", ()) if b.get("kind") == "if" and b.get("exits")}
    for inner in db_access(ctx).summary(callee, 1).reads:
        if inner.counts:
            for gate, _span in _missing_spans(func, inner, text):
                if gate in exiting and re.search(r"[<>]", text(gate)):
                    return callee, facts.path, gate, inner.line
    return None


def _len_limited(func: FunctionFacts, read: Access, text: Callable[[int], str]
                 ) -> tuple[Access, list[tuple[int, tuple[int, int]]] | None]:
    """`previous = await repo.attempts_for(...)`, then `if len(previous) >= exam.max_attempts: raise`:
    rows read to be counted, a count in all but name. Returns the read as a count with the code
    that runs past that limit check (None for other reads: their `if`s are searched as usual).
    A `len` test nested in another test of the rows (`if rows: if len(rows) > 1: raise ...;
    return rows[0]`) is a sanity check on a branch that never reaches the insert."""
    if read.counts:
        return read, None
    names = "|".join(re.escape(name) for name in _bound_from(func, read))
    limit = re.compile(rf"\bif\s+len\(\s*(?:{names})\s*\)\s*(?:>=|>|==)") if names else None
    ifs = [b for b in func.extra.get("blocks", ()) if b.get("kind") == "if" and b["line"] > read.line]
    for block in ifs:
        if limit and block.get("exits") and limit.search(text(block["line"])) \
                and not any(o["line"] < block["line"] <= o["end"] for o in ifs):
            return replace(read, counts=True), [(block["line"], (block["end"] + 1, func.end_line))]
    return read, None


def _insert_after(func: FunctionFacts, inserts: list[Access], read: Access, text: Callable[[int], str],
                  spans: list[tuple[int, tuple[int, int]]] | None = None) -> tuple[int, Access] | None:
    """(decision line, insert) for an insert into the read's table on the branch where the
    read found nothing, with no unique-violation handling and no lock across both."""
    for gate, (first, last) in spans or _missing_spans(func, read, text):
        for insert in inserts:
            if insert.table and insert.table == read.table and first <= insert.line <= last \
                    and (read.counts or not unique_handled(func, insert.line)) \
                    and not _locked(func, read.line, insert.line) \
                    and not (_locked(func, gate, insert.line) and "await" in text(gate)):  # re-read under the lock
                return gate, insert
    return None


def _moved_after(func: FunctionFacts, updates: list[Access], read: Access, text: Callable[[int], str],
                 spans: list[tuple[int, tuple[int, int]]] | None = None) -> tuple[int, Access] | None:
    """(decision line, update) for a row count compared with a limit, then an UPDATE of the
    counted table that assigns a column the count filters on (`count(*) ... WHERE status IN
    ('enrolled', ...)`, then `SET status = 'enrolled'`): it moves a row into the counted set,
    as an insert adds one. For an existence check (`slot_taken(inspector, day, slot)`), an UPDATE
    that assigns every column the check filters on moves a row into the checked slot."""
    tested = read.where - read.selected
    for gate, (first, last) in spans or _missing_spans(func, read, text):
        for update in updates:
            into = update.columns & read.where if read.counts else tested and tested <= update.columns
            if update.table == read.table and into and first <= update.line <= last \
                    and not _locked(func, read.line, update.line):
                return gate, update
    return None


def _missing_spans(func: FunctionFacts, read: Access,
                   text: Callable[[int], str]) -> Iterator[tuple[int, tuple[int, int]]]:
    """(decision line, the lines that run when the read found no row) for each `if` after the
    read that tests its result."""
    bound = _bound_from(func, read)
    for block in func.extra.get("blocks", ()):
        if block.get("kind") == "if" and block["line"] >= read.line:
            live = {name for name in bound if not _rebound_between(func, name, read.end_line, block["line"])}
            span = _missing_branch(func, block, read, live) or _inline_test(func, block, read, text)
            if span is not None:
                yield block["line"], span


def _missing_branch(func: FunctionFacts, block: dict, read: Access, bound: set[str]) -> tuple[int, int] | None:
    """The lines that run when the read found no row, when `block` tests the read's result:
    the body of `if row is None:`, or what follows `if row: return row` (or its `else`)."""
    tested = set(block.get("absent", ())) | set(block.get("present", ()))
    if block["line"] == read.line and read.counts and block.get("exits"):  # `if await count(...) >= cap: raise`
        return block["end"] + 1, func.end_line
    if block["line"] == read.line:
        keys = tested
    else:
        keys = bound & (set(block.get("names", ())) | tested)
    if not keys:
        return None
    body = (block["line"] + 1, block["end"])
    if keys & set(block.get("absent", ())):
        return body
    if keys & set(block.get("present", ())):
        if block.get("exits"):
            return block["end"] + 1, func.end_line
        if block.get("skips"):  # `if existing is not None: continue`: the rest of the loop's iteration
            return block["end"] + 1, _loop_end(func, block["line"]) or func.end_line
        if block.get("else_line"):
            return block["else_line"], block.get("else_end") or func.end_line
        return None
    return _past_test(func, block, read, body)


def _past_test(func: FunctionFacts, block: dict, read: Access, body: tuple[int, int]) -> tuple[int, int]:
    """What runs once an `if` comparing the read's value lets the request through: the rest of the
    function after an exiting `if`, the rest of the loop's iteration after a count's `continue`
    (`if running >= limit: continue`), else the branch itself."""
    if read.counts and block.get("skips"):
        return block["end"] + 1, _loop_end(func, block["line"]) or func.end_line
    return (block["line"] + 1, func.end_line) if block.get("exits") else body


def _inline_test(func: FunctionFacts, block: dict, read: Access, text: Callable[[int], str]) -> tuple[int, int] | None:
    """`if await repo.slot_taken(...): raise` (or `if not await repo.find(...):`): the awaited read is
    the test itself, so the branch that goes on when it found nothing is what follows an exiting `if`
    (the body, for `if not`)."""
    if block["line"] != read.line or read.counts:
        return None
    line = text(block["line"])
    if re.match(r"\s*(?:el)?if\s+not\s+\(?\s*await\b", line):
        return block["line"] + 1, block["end"]
    if re.match(r"\s*(?:el)?if\s+\(?\s*await\b[^<>=]*:\s*$", line) and block.get("exits"):
        return block["end"] + 1, func.end_line
    return None


def _negated_test(ctx: ProjectContext, fq: str, func: FunctionFacts, read: Access,
                  text: Callable[[int], str]) -> list[tuple[int, tuple[int, int]]] | None:
    """`if await repo.slot_is_free(...):` where the helper answers `return not await self.clashes(...)`:
    a true answer means its read found nothing, so the `if` body is the branch that goes on."""
    if read.counts or not read.through or not re.match(r"\s*(?:el)?if\s+\(?\s*await\b[^<>=#]*:\s*(?:#.*)?$",
                                                       text(read.line)):
        return None
    block = next((b for b in func.extra.get("blocks", ()) if b.get("kind") == "if" and b["line"] == read.line), None)
    edge = next((e for e in ctx.model.edges.get(fq, ()) if e.site.line == read.line and e.site.name == read.call), None)
    callee = ctx.model.callee_function(edge.target) if edge is not None and block is not None else None
    if not callee:
        return None
    helper = ctx.model.functions[callee][1]
    negated = helper.extra.get("negated_returns", ())
    if not negated or len(negated) != len(helper.extra.get("return_lines", ())) \
            or not any(inner.line in negated for inner in db_access(ctx).summary(callee).reads):
        return None
    return [(block["line"], (block["line"] + 1, block["end"]))]


def _bound_from(func: FunctionFacts, read: Access) -> set[str]:
    """Locals bound from the read's result (first binding at or just after the read): the read's
    own result, and what a call on it unpacks (`row = result.scalar_one_or_none()`); not the
    result of another read a few lines below (`existing = await repo.find_active(...)`)."""
    near = {name: value for name, value in func.local_types.items()
            if isinstance(value, dict) and read.line <= value.get("line", 0) <= read.line + 3}
    names = {name for name, value in near.items() if value["line"] <= read.end_line or value.get("call") == read.call}
    names |= {name for name, value in near.items()
              if str(value.get("call", "")).partition(".")[0] in names or "call" not in value}
    return names | {name for name in func.local_types if _rebound_between(func, name, read.line - 1, read.end_line + 1)}


def _rebound_between(func: FunctionFacts, name: str, after: int, before: int) -> bool:
    """`agent = await get(...)` again on a line strictly between `after` and `before`: a test
    below that reads the later value, not this read's (`facts/extract.py`, `rebound_lines`)."""
    return any(after < line < before for line in func.extra.get("rebound_lines", {}).get(name, ()))


def _locked(func: FunctionFacts, first: int, last: int) -> bool:
    """A lock (not a semaphore) held across the read and the insert."""
    return any(use.line <= first and last <= use.end_line and not _SEMAPHORE.search(use.expr.rsplit(".", 1)[-1])
               for use in func.locks) or locked(func, first, last) and not any(
        b.get("kind") == "with" and b["line"] <= first and last <= b["end"] and _SEMAPHORE.search(b.get("expr", ""))
        for b in func.extra.get("blocks", ()))


_DECISION_SPAN = 8  # lines: a decision further below the read is cited as a related location only


def _read_and_decision(path: str, read: Access, gate: int) -> Location:
    """The read and the decision on it, as one cited span when the `if` closely follows the
    SELECT in this function: the reader sees both halves of the check in the cited code."""
    if _spans(read, gate):
        return Location(path, read.line, gate)
    return Location(path, read.line, read.end_line)


def _spans(read: Access, gate: int) -> bool:
    return read.end_line < gate <= read.end_line + _DECISION_SPAN
