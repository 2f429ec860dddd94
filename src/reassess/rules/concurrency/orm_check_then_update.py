"""RA321 race-condition: an ORM row read without a lock, checked, then changed in Python."""
from __future__ import annotations

import re
from typing import Callable, Iterator

from ...facts.types import FunctionFacts, ModuleFacts
from ...findings import Finding, Location
from ...model.project import ProjectModel
from ..api import ProjectContext, Rule, register
from ._blocking import short
from ._calls import bound_local
from ._dbaccess import Access, db_access, versioned
from ._entries import serving_coroutines
from ._late_transition import late_transition, limit_in_helper, state_checks, transition_in_helper
from ._limit_then_update import blind_update, claim_in_filter, limit_then_update, refs_at, state_then_update
from .check_then_act_across_await import callers_hold_lock
from ._rowlocks import row_locked_before
from .select_then_insert import _locked, serialised

_WRITES = ("commit", "flush")


@register
class OrmCheckThenUpdate(Rule):
    """A coroutine that loads an ORM row without a lock, tests one of its columns, and then
    changes that column in Python (`row.count += 1`) before committing.

    What it finds:
        A local bound to an awaited ORM read of a model (`await session.get(Workspace, id)`,
        `await session.scalar(select(Workspace)...)`, also through a repository method) that
        does not lock the row, an `if` on one of the row's columns that leaves the function
        (`if ws.seats_used >= ws.seats_limit: raise ...`), and after it an augmented store
        to the same column (`ws.seats_used += 1`, or `ws.seats_used = ws.seats_used + 1` after a
        limit check) followed by a commit or flush (a stepped column, `campaign.raised_cents += n`, also
        when a project helper handed the row commits it: `await repo.save(campaign)`); a state
        transition: the column compared in that `if` (`if ride.status not in ACTIVE:`) and
        then assigned (`ride.status = CANCELLED`) and committed; also rows
        gathered into a collection, checked one by one (`if listing.quantity < line.quantity:`)
        and changed through it (`by_id[key].quantity -= n`); a state compared (`if slot.status !=
        "open": raise`) and then moved by an UPDATE of that row (`await slots.set_status(slot.id,
        "booked")`, also through a repository method, which may be given the key the read was
        given, `mark_settled(market_id, ...)`, or `update(Gift).where(Gift.code == code)` selecting the
        row by the key the read used) whose WHERE does not test the state again; a column ordered
        against a limit (`if account.balance_cents < amount: raise`) and then assigned by an UPDATE
        of that row given the key the read was given (`set_balance(account_id, ...)`); a value read and written back
        stepped by an UPDATE of the same row, whatever is checked between (one column of several the
        UPDATE assigns, `set_extension(lock.id, expiry, lock.extension_count + 1)`, or a record's
        attribute, `new = current.amount + n`);
        and, with raw SQL, a value read without `FOR UPDATE` (`SELECT balance ...`) ordered against a
        limit by an `if` (`if balance < amount: raise`, or `if balance >= amount:` with the
        UPDATE in its branch), then the same row (the read's key
        passed again) changed by an UPDATE whose WHERE does not test the compared column; a state
        read with raw SQL (`SELECT status ...`) compared with a constant (`if current == "signed":
        raise`), then assigned by an UPDATE of that row whose WHERE does not test it; and a
        state compared, awaited work done (a payout sent), and only then a conditional UPDATE of that
        state (`update(Claim).where(..., Claim.status == "approved")`) whose outcome is not checked, or
        a project helper handed the row that sets the state (on it, or on the row loaded again by its
        key, even `FOR UPDATE`) without testing it.
        Reported at the check, once per coroutine, and again for a counter of another table stepped
        after its own check (a request's status checked, then a voucher's uses). Not reported when the read locks (`.with_for_update()`, `FOR UPDATE`),
        the model has optimistic locking (`version_id_col` in `__mapper_args__`), a lock is
        held across check and write (or by every caller; for a value read and written back stepped,
        only when every other UPDATE of that column runs under a lock too: a deposit adding to the
        balance without the lock is overwritten all the same), or the coroutine takes an advisory
        lock or runs SERIALIZABLE. Considered: coroutines an entry point reaches, and uncalled
        methods of classes it reaches (their callers lie outside the code).

    Why it matters:
        Between the read and the commit other requests run. Two requests both read
        `seats_used = 9` of 10, both pass the check and both write 10: the limit is
        exceeded (a seat, a unit of stock, a quota given twice) and one increment is lost,
        since each UPDATE writes the value its own request computed.

    Example:
        ws = await session.get(Workspace, workspace_id)
        if ws.seats_used >= ws.seats_limit:
            raise Forbidden("no seats left")
        ws.seats_used += 1
        await session.commit()

    Instead:
        Let the database check and change the row in one statement (or lock it first):

            result = await session.execute(
                update(Workspace)
                .where(Workspace.id == workspace_id, Workspace.seats_used < Workspace.seats_limit)
                .values(seats_used=Workspace.seats_used + 1)
            )
            if result.rowcount == 0:
                raise Forbidden("no seats left")
    """

    id = "RA321"
    name = "orm-check-then-update"
    category = "race-condition"
    severity = "HIGH"
    scope = "project"
    base_effort = 1.5

    def check(self, ctx: ProjectContext) -> Iterator[Finding]:
        db = db_access(ctx)
        model = ctx.model
        examined = 0
        writers = _UnlockedWriters(ctx)
        for fq, facts, func in serving_coroutines(ctx):
            if not _may_write(model, fq, func, db):
                continue
            summary = db.summary(fq)
            exits = _committing_blocks(model, fq, func)
            reported: list[str] = []  # tables reported in this coroutine
            for read in sorted((r for r in summary.reads if not r.counts), key=lambda a: a.line):
                examined += 1
                found = _check_and_write(model, fq, facts, func, read, summary, exits, writers)
                if found is None or versioned(model, read.label) or serialised(facts, func) \
                        or callers_hold_lock(model, fq) or not _another_race(reported, read, found[2]):
                    continue
                reported.append(read.table)
                yield writers.explain(self._finding(model, fq, facts.path, read, *found), fq, func, read, found[3])
        ctx.examine("ORM rows changed in coroutines", examined)

    def _finding(self, model: ProjectModel, fq: str, path: str, read: Access, row: str, gate: int, store: dict,
                 write: int) -> Finding:
        column = store["target"].rsplit(".", 1)[1]
        title, recommendation = _advice(fq, read, row, gate, store, column)
        return self.finding(Location(path, gate, gate), title,
                            _description(model, fq, path, read, row, gate, store, write, column),
                            related=_related(path, read, store, write, column), recommendation=recommendation)


def _another_race(reported: list[str], read: Access, store: dict) -> bool:
    """The first check-then-write of a coroutine, or a later one that steps a counter of another
    table after checking it (`rx.refills_remaining - 1` after `if rx.refills_remaining <= 0`, once the
    request's own status check was reported): a second lost update, not the same race again."""
    return not reported or store["kind"] == "aug" and read.table not in reported


def _check_and_write(model: ProjectModel, fq: str, facts: ModuleFacts, func: FunctionFacts, read: Access, summary,
                     exits, writers: "_UnlockedWriters") -> tuple[str, int, dict, int] | None:
    """(row local, check line, store, write line) of the first form of check-then-write the read takes."""
    text = lambda line: model.line_text(facts.path, line)  # noqa: E731
    blind_locked = lambda f, first, last: _locked(f, first, last) and writers.beside(fq, read) is None  # noqa: E731
    return _check_then_write(func, read, text, exits, _saving_calls(model, fq)) \
        or _through_collection(model, func, read) \
        or _check_then_update_statement(func, read, summary.updates, text) \
        or limit_then_update(func, read, summary.updates, text, _locked) \
        or state_then_update(func, read, summary.updates, text, _locked) \
        or late_transition(func, read, summary, text, _locked) \
        or transition_in_helper(model, fq, func, read, text, _locked) \
        or limit_in_helper(model, fq, func, read, text, _locked) \
        or blind_update(func, read, summary.updates, text, blind_locked) \
        or _claim(facts, func, read, summary.updates, text, _statement(model, read))


class _UnlockedWriters:
    """UPDATE statements reached with no lock held: none around the statement, nor (up to `_HOPS`
    callers up) around some call leading to it. An in-process lock around a read and its write-back
    (`async with account_lock(id):` ... `set_cash_balance(id, balance + delta)`) only orders the
    code that takes it: a deposit adding to the same column without it changes the row between
    the read and the write, and the write-back overwrites the deposit."""

    _HOPS = 3

    def __init__(self, ctx: ProjectContext) -> None:
        self.model, self.db = ctx.model, db_access(ctx)
        self.coroutines = [fq for fq, _facts, _func in serving_coroutines(ctx)]
        self.known: dict[str, list[tuple[Access, tuple[str, int]]]] = {}

    def beside(self, fq: str, read: Access) -> tuple[Access, tuple[str, int]] | None:
        """(the UPDATE, the unlocked call or statement leading to it) of a column `read` selected, on
        its table, outside `fq`."""
        columns = read.selected | read.columns
        return next(((update, top) for update, top in self._writers(read.table)
                     if top[0] != fq and update.columns & columns), None) if columns else None

    def explain(self, finding: Finding, fq: str, func: FunctionFacts, read: Access, write: int) -> Finding:
        """The finding, saying why the lock held across the read and the write does not help."""
        other = self.beside(fq, read) if _locked(func, read.line, write) else None
        if other is None or other[1][0] not in self.model.functions:
            return finding
        (writer, line) = other[1]
        finding.description += (f" The lock held from the read to the write does not help: `{short(writer)}` "
                                f"updates the same column without it (line {line}).")
        path = self.model.functions[writer][0].path
        finding.related_locations.append(Location(path, line, line, "the same column updated without the lock"))
        return finding

    def _writers(self, table: str) -> list[tuple[Access, tuple[str, int]]]:
        if table not in self.known:
            found = []
            for fq in self.coroutines:
                for update in self.db.summary(fq).updates:
                    top = self._unlocked(fq, update.line, self._HOPS) if update.table == table \
                        and not update.through else None
                    found += [(update, top)] if top else []
            self.known[table] = found
        return self.known[table]

    def _unlocked(self, fq: str, line: int, hops: int) -> tuple[str, int] | None:
        """(function, line) where a path of calls to `line` of `fq` that no lock covers leaves the
        helper holding the statement: its caller's call (`withdraw` calling `adjust_cash_balance`),
        or the statement itself in code nothing calls."""
        path = self._unlocked_path(fq, line, hops)
        return (path[1] if len(path) > 1 else path[0]) if path else None

    def _unlocked_path(self, fq: str, line: int, hops: int) -> list[tuple[str, int]]:
        """[(function, line), ...] from the statement up to an entry, none of it under a lock; [] if none."""
        if fq not in self.model.functions:  # module-level code
            return [(fq, line)]
        if _locked(self.model.functions[fq][1], line, line):
            return []
        callers = self.model.callers.get(fq, ())
        if not callers or not hops:
            return [(fq, line)]
        return next(([(fq, line), *path] for edge in callers
                     if (path := self._unlocked_path(edge.caller, edge.site.line, hops - 1))), [])


def _may_write(model: ProjectModel, fq: str, func: FunctionFacts, db) -> bool:
    """The coroutine changes a row: an attribute store, an UPDATE (its own or a callee's), or an
    awaited project helper that sets an attribute (the helper may move the state it checked)."""
    return any(s.get("kind") in ("aug", "set") and "." in s["target"] for s in func.extra.get("stores", ())) \
        or any(s.func and s.func[-1] == "update" for s in func.calls) or bool(db.summary(fq).updates) \
        or any(e.site.awaited and _sets_attribute(model, e.target) for e in model.edges.get(fq, ()))


def _sets_attribute(model: ProjectModel, target) -> bool:
    callee = model.callee_function(target)
    return bool(callee) and callee in model.functions and any(
        s.get("kind") == "set" and "." in s["target"] for s in model.functions[callee][1].extra.get("stores", ()))


def _claim(facts: ModuleFacts, func: FunctionFacts, read: Access, updates: list[Access], text: Callable[[int], str],
           statement: str) -> tuple[str, int, dict, int] | None:
    """`claim_in_filter`, unless a row locked earlier in the coroutine (`get_for_update(parent)`) already
    serialises the callers that could pick the same row."""
    return None if row_locked_before(facts, func, read.line) else \
        claim_in_filter(func, read, updates, text, statement, _locked)


def _statement(model: ProjectModel, read: Access, span: int = 8) -> str:
    """The source around the read's statement (it may be in a repository): enough to see its WHERE."""
    path, line = read.at
    return " ".join(model.line_text(path, at) for at in range(max(1, line - 2), line + span))


def _description(model: ProjectModel, fq: str, path: str, read: Access, row: str, gate: int, store: dict,
                 write: int, column: str) -> str:
    check = model.line_text(path, gate)
    loaded = f"`{read.label}` rows" if ".[]." in store["target"] else f"`{row}` (a `{read.label}` row)"
    late = store.get("late")
    change = _change(store, column, write)
    if store.get("filtered"):
        return (f"`{short(fq)}` picks {loaded} with `{read.call}(...)` at line {read.line} because its `{column}` "
                f"is free (the SELECT's filter, without a lock or SKIP LOCKED), then sets `{column}` with "
                f"`{store['call']}(...)` at line {store['line']}, an UPDATE whose WHERE does not test `{column}` "
                "again. Two concurrent requests pick the same row and both claim it: the last one wins and the "
                "first holds something that is no longer its own.")
    if store.get("blind"):
        return (f"`{short(fq)}` loads {loaded} with `{read.call}(...)` at line {read.line} without locking and "
                f"computes `{store['target']}` from the value it read (`{check}`, line {gate}), written back at "
                f"line {write}. The UPDATE stores this request's result: a concurrent change of `{column}` made "
                "between the read and the commit (another top-up, a spend) is silently overwritten.")
    return (
        f"`{short(fq)}` loads {loaded} with `{read.call}(...)` at line {read.line} without "
        f"locking, checks `{row}` at line {gate} (`{check}`), and then {change}. Two concurrent requests both "
        f"read the same `{column}`, both pass the check and both "
        + ("do the work, and both move the state afterwards." if late and store.get("helper") else
           "do the work: the UPDATE that would refuse the second request runs only after it." if late else
           "write their own result: ")
        + ("" if late else
           "the limit the check enforces is exceeded and one update is lost." if store["kind"] == "aug"
           or store.get("helper") else
           "the limit the check enforces is exceeded." if store.get("limit") or store.get("compared") else
           "the transition is applied twice, or over a state another request has just moved the row to."))


def _change(store: dict, column: str, write: int) -> str:
    """How the coroutine changes the row after the check, for the description."""
    late, call, line = store.get("late"), store.get("call"), store["line"]
    if store["kind"] != "statement":
        return f"sets `{store['target']}` in Python at line {line}, written back at line {write}"
    if store.get("helper"):
        return (f"does the guarded work (`{late.name}(...)` at line {late.line}) before `{call}(...)` at line {line} "
                f"sets `{column}` without testing it again" if late else
                f"sets `{column}` through `{call}(...)` at line {line} to a value computed from the one it read")
    return (f"does the guarded work (`{late.name}(...)` at line {late.line}) before moving the state with "
            f"`{call}(...)` at line {line}, an UPDATE that re-tests `{column}` but whose outcome is not checked"
            if late else
            f"updates the row with `{call}(...)` at line {line}, an UPDATE whose WHERE does not test `{column}` again")


def _related(path: str, read: Access, store: dict, write: int, column: str) -> list[Location]:
    late = store.get("late")
    related = [Location(path, read.line, read.end_line, f"unlocked read of `{read.label}`")]
    if store["kind"] == "statement":
        if late:
            related.append(Location(path, late.line, late.end_line, "the guarded work, done before the claim"))
        related.append(Location(path, store["line"], store["line"], _write_note(store)))
        if store["at"] != (path, store["line"]):
            related.append(Location(store["at"][0], store["at"][1], store["at"][1],
                                    f"`{column}` assigned" if store.get("helper") else "the UPDATE statement"))
    else:
        related += [Location(path, store["line"], store["line"], f"`{column}` changed in Python"),
                    Location(path, write, write, "written back")]
        related += [Location(path, line, line, "another column of the row stepped from the same stale read")
                    for line in store.get("others", ())]
    if read.at != (path, read.line):
        related.append(Location(read.at[0], read.at[1], read.at[1], "the SELECT"))
    return related


def _write_note(store: dict) -> str:
    """What the statement (or helper call) that writes the row does, for its related location."""
    late, helper = store.get("late"), store.get("helper")
    return ("the state moved by a helper that does not re-test it" if late and helper else
            "the value read, changed, written back by a helper" if helper else
            "conditional UPDATE whose outcome is ignored" if late else
            "the value read, changed, written back" if store.get("blind") else
            "UPDATE that does not re-check the state")


def _advice(fq: str, read: Access, row: str, gate: int, store: dict, column: str) -> tuple[str, str]:
    """(title, recommendation) for the form of the check and the write."""
    if store.get("filtered"):
        return (f"Free `{read.label}` row picked, then claimed without a lock in `{short(fq)}`",
                "Claim the row in the statement that picks it: lock it with "
                "`.with_for_update(skip_locked=True)` and assign it in the same transaction, or make the UPDATE "
                "re-test the filter and treat no updated row as lost:\n\n"
                f"    update({read.label}).where({read.label}.id == ..., {read.label}.{column}.is_(None))"
                f".values({column}=...)")
    if store.get("blind"):
        return (f"Read-modify-write of `{row if store.get('scalar') else f'{row}.{column}'}` without a row lock "
                f"in `{short(fq)}`",
                "Let the database apply the change to the current value (or lock the row first):\n\n"
                f"    await session.execute(\n"
                f"        update({read.label}).where({read.label}.id == ...)\n"
                f"        .values({column}={read.label}.{column} + <the amount>)\n"
                "    )")
    if store.get("late"):
        return (f"State check of `{row}.{column}` acted on before the state is claimed in `{short(fq)}`",
                f"Claim the transition before the work: move `{column}` to an in-progress state with a conditional "
                "UPDATE, and stop when no row matched:\n\n"
                f"    result = await session.execute(\n"
                f"        update({read.label}).where({read.label}.id == ..., <the state line {gate} requires>)\n"
                f"        .values({column}=<an in-progress state>)\n"
                "    )\n"
                "    if result.rowcount == 0:\n"
                f"        ...  # what the check at line {gate} does\n"
                f"    ...  # then the work, then the final `{column}`")
    if store.get("sql"):
        return (f"Check-then-update of `{column}` (read into `{row}`) without a row lock in `{short(fq)}`",
                f"Make the UPDATE itself require the state the check at line {gate} requires, and treat no updated "
                "row as the failed check (or read the row with `SELECT ... FOR UPDATE` in the transaction that "
                "updates it):\n\n"
                f"    moved = await conn.fetchval(\n"
                f"        \"UPDATE {read.label} SET {column} = ... WHERE <key> = $1 AND <the condition of line {gate}, "
                f"inverted> RETURNING {column}\", ...)\n"
                "    if moved is None:\n"
                f"        ...  # what the check at line {gate} does")
    if store.get("limit"):
        return (f"Check-then-update of `{row}` without a row lock in `{short(fq)}`",
                "Check and change the row in one conditional UPDATE and treat no returned row as the failed check "
                "(or read it with `SELECT ... FOR UPDATE` in the transaction that updates it):\n\n"
                f"    UPDATE {read.label} SET ... WHERE <key> = $1 AND <the condition of line {gate}, inverted>\n"
                "    RETURNING ...")
    return (f"Check-then-update of `{row}.{column}` without a row lock in `{short(fq)}`",
            "Check and change the column in one UPDATE, and treat no updated row as the failed check "
            "(or lock the row: `select(...).with_for_update()`, or add `version_id_col` optimistic locking):\n\n"
            f"    result = await session.execute(\n"
            f"        update({read.label}).where({read.label}.id == ..., <the condition of line {gate}>)\n"
            + (f"        .values({column}={read.label}.{column} + 1)\n" if store["kind"] == "aug" else
               f"        .values({column}=<the new {column}>)\n")
            + "    )\n"
            "    if result.rowcount == 0:\n"
            "        ...  # what the check at line " + str(gate) + " does")


def _check_then_write(func: FunctionFacts, read: Access, text: Callable[[int], str],
                      exits: tuple[tuple[int, int], ...], saves: dict[int, set[str]] | None = None
                      ) -> tuple[str, int, dict, int] | None:
    """(row local, check line, store, commit line) when the row the read binds is tested by an
    exiting `if` and one of the tested columns is then changed in place and committed, with no
    lock held across check and write; or, for a state transition, the column tested by an
    equality or membership test (`if ride.status not in ACTIVE:`) and then assigned."""
    if not read.label[:1].isupper():
        return None
    row = bound_local(func, read.line, read.call)
    if not row:
        return None
    stores = [{**s, "kind": "aug"} if s["kind"] == "set" and _recomputed(text(s["line"]), s["target"]) else s
              for s in func.extra.get("stores", ()) if s["kind"] in ("aug", "set")
              and s["target"].startswith(row + ".") and s["target"].count(".") == 1]
    for block in func.extra.get("blocks", ()):
        if block.get("kind") != "if" or block["line"] <= read.line:
            continue
        tested = {c for c in block.get("chains", ()) if c.startswith(row + ".")}
        for store in stores:
            if store["target"] in tested and _acts_on_check(func, block, store, text):
                write = _write_after(func, store["line"], exits)
                if write and not _locked(func, read.line, store["line"]):
                    return row, block["line"], store, write
    return _blind_increment(func, read, row, stores, exits, saves or {})


def _acts_on_check(func: FunctionFacts, block: dict, store: dict, text: Callable[[int], str]) -> bool:
    """The store acts on the `if` that tested its column: after an exiting `if`, an increment or a
    state assigned after an equality or membership test; or a transition inside a guarded branch."""
    if store["line"] > block["end"] and block.get("exits") \
            and (store["kind"] == "aug" or _state_test(text(block["line"]), store["target"])):
        return True
    return _guarded_transition(func, block, store, text)


def _blind_increment(func: FunctionFacts, read: Access, row: str, stores: list[dict],
                     exits: tuple[tuple[int, int], ...], saves: dict[int, set[str]]
                     ) -> tuple[str, int, dict, int] | None:
    """`campaign.budget = campaign.budget + amount` (or `+=`) on the row `row` read without a lock
    (the check, if any, made by the helper that loaded it), then committed (here, or by a project
    helper handed the row, `await repo.save(campaign)`): the UPDATE writes the value this request
    computed, so a concurrent change of the column in between is lost. Cited at the store."""
    for store in stores:
        if store["kind"] != "aug" or store["line"] <= read.line or ".[]." in store["target"]:
            continue
        write = _write_after(func, store["line"], exits) \
            or next((line for line in sorted(saves) if line > store["line"] and row in saves[line]), 0)
        if write and not _locked(func, read.line, store["line"]):
            others = [s["line"] for s in stores if s["kind"] == "aug" and s["line"] > store["line"]
                      and s["target"] != store["target"]]
            return row, store["line"], {**store, "blind": True, "others": others}, write
    return None


def _guarded_transition(func: FunctionFacts, block: dict, store: dict, text: Callable[[int], str]) -> bool:
    """`if booking.status in ("confirmed", "paid"):` whose branch does awaited work (a refund, a
    payout) and then assigns the state it tested: two requests both see the old state and both
    do the work before either commits the new one."""
    if block.get("exits") or store["kind"] != "set" or not block["line"] < store["line"] <= block["end"] \
            or not _state_test(text(block["line"]), store["target"]):
        return False
    return any(s.awaited and block["line"] < s.line < store["line"] and not (s.func and s.func[-1] in _WRITES)
               for s in func.calls)


def _check_then_update_statement(func: FunctionFacts, read: Access, updates: list[Access],
                                 text: Callable[[int], str]) -> tuple[str, int, dict, int] | None:
    """A state transition written by an UPDATE statement: the row's column compared by an exiting
    `if` (`if slot.status != "open": raise`), then an UPDATE of the same table for that row (a call
    given `slot.id` or `slot`, directly or through a repository method) that writes the column (when
    its SET is known) and whose WHERE does not test it again, with no lock held across both."""
    if not read.label[:1].isupper() or not updates:
        return None
    row = bound_local(func, read.line, read.call)
    if not row:
        return None
    for_row = {site.line for site in func.calls if any(
        isinstance(a, dict) and a.get("ref") in (row, f"{row}.id") for a in (*site.args, *site.kwargs.values()))}
    keys = refs_at(func, read.line) - {row}  # the key the read was given (`self._repo.get(account_id)`)
    for block, chain, column in state_checks(func, row, read.line, lambda line, chain: _state_test(
            text(line), chain) or _limit_test(text(line), chain)):
        limit = not _state_test(text(block["line"]), chain)
        for update in updates:
            if limit and not _limit_races(func, read, update, column, keys, text):
                continue
            if update.columns and column not in update.columns:
                continue  # `if user.email != header: raise` then `SET last_active_at`: the state is not moved
            if update.table == read.table and update.line > block["end"] \
                    and (update.line in for_row or limit or _same_key(func, read, update, column, text)
                         or _same_key_through(func, keys, update, column)) \
                    and column not in update.where and not _locked(func, read.line, update.line) \
                    and not _claimed(func, block["line"], update.line):
                store = {"target": chain, "line": update.line, "kind": "statement", "call": update.call,
                         "at": update.at, "compared": limit}
                return row, block["line"], store, update.line
    return None


def _limit_races(func: FunctionFacts, read: Access, update: Access, column: str, keys: set[str],
                 text: Callable[[int], str]) -> bool:
    """A limit check races only with an UPDATE writing the compared column of that row: one given
    the key the read was given, or selecting the row by it (`.where(Account.id == account_id)`)."""
    return column in update.columns and bool(keys & refs_at(func, update.line)
                                             or _same_key(func, read, update, column, text))


def _same_key_through(func: FunctionFacts, keys: set[str], update: Access, column: str) -> bool:
    """A repository method given the key the read was given (`get_market(market_id)`, then
    `mark_settled(market_id, ...)`) whose UPDATE assigns the checked column."""
    return bool(update.through) and column in update.columns and bool(keys & refs_at(func, update.line))


def _same_key(func: FunctionFacts, read: Access, update: Access, column: str, text: Callable[[int], str]) -> bool:
    """An UPDATE written in this function that selects the row by the key the read used
    (`select(GiftCode).where(GiftCode.code == code)`, then `update(GiftCode).where(GiftCode.code ==
    code).values(redeemed_by=...)`; `session.get(GiftCode, code)` names the key as an argument) and
    assigns the checked column."""
    if update.through:
        return False
    written = " ".join(text(line) for line in range(update.line, update.end_line + 1))
    if not re.search(rf"\b{re.escape(column)}\s*=(?!=)", written):
        return False
    read_text = " ".join(text(line) for line in range(read.line, read.end_line + 1))
    keyed = set(re.findall(rf"\b{re.escape(read.label)}\.(\w+)\s*==\s*([A-Za-z_][\w.]*)", written))
    if keyed & set(re.findall(rf"\b{re.escape(read.label)}\.(\w+)\s*==\s*([A-Za-z_][\w.]*)", read_text)):
        return True
    by_pk = read.call.rsplit(".", 1)[-1] in ("get", "get_one") and not read.through
    row = bound_local(func, read.line, read.call)  # `.where(Account.id == account.id)`: the row read itself
    return by_pk and bool({name for _, name in keyed} & (refs_at(func, read.line) | {f"{row}.id"}))


def _claimed(func: FunctionFacts, first: int, last: int) -> bool:
    """A claim taken between the check and the write (`redis.set(key, ..., nx=True)`, `setnx`, a
    lock's `acquire()`): only the request that wins it goes on to write."""
    return any(first <= s.line <= last and s.func and (s.func[-1] == "setnx" or s.func[-1] == "acquire"
                                                       and not _pool_acquire(func, s) or (
        s.func[-1] == "set" and s.kwargs.get("nx") not in (None, False))) for s in func.calls)


_POOL_WORDS = re.compile(r"(?:^|_)(?:pool|engine|db|database|conn|connection|pg|postgres)s?$", re.I)


def _pool_acquire(func: FunctionFacts, site) -> bool:
    """`pool.acquire()`, `pool().acquire()`, `self._db.acquire()`: a connection taken from a pool,
    which serialises nothing (every request gets its own connection). A receiver that is a call's
    result (`pool().acquire()`) is named by the call made on the same line."""
    receiver = site.func[-2] if len(site.func) > 1 else ""
    names = [receiver] if receiver != "()" else [s.func[-1] for s in func.calls if s.line == site.line
                                                 and s.func and s.func[-1] != "acquire"]
    return any(_POOL_WORDS.search(name) for name in names)


def _state_test(line: str, chain: str) -> bool:
    """`if ride.status not in ACTIVE:` / `if order.state != "open":`: the column compared for a
    state, so the assignment after it is a transition guarded by a stale read."""
    return re.search(rf"\b{re.escape(chain)}\s*(?:not\s+in|in|==|!=|is\s+not|is)\s", line) is not None


def _recomputed(line: str, chain: str) -> bool:
    """`account.balance = account.balance - amount`: an increment written out (treated as `-=`),
    computed from the value the request read. The value kept only as the default of a lookup
    (`cp.vendor = payload.get("vendor", cp.vendor)`) is replaced, not computed from."""
    word = re.escape(chain)
    kept = re.sub(rf"\.get\([^()]*,\s*{word}\s*\)", ".get()", line)
    return re.search(rf"\b{word}\s*(?::[^=]+)?=(?!=).*\b{word}\b", kept) is not None


def _limit_test(line: str, chain: str) -> bool:
    """`if account.balance_cents < amount_cents:`: the column ordered against a limit."""
    return re.search(rf"\b{re.escape(chain)}\s*(?:<=|>=|<|>)\s|(?:<=|>=|<|>)\s*{re.escape(chain)}\b", line) is not None


def _through_collection(model: ProjectModel, func: FunctionFacts, read: Access) -> tuple[str, int, dict, int] | None:
    """The rows of a read gathered into a collection and checked one by one (`for line in
    lines: listing = by_id.get(line.listing_id); if listing.quantity < line.quantity: raise`),
    then one of the checked columns of the read's model changed in place
    (`by_id[line.listing_id].quantity -= line.quantity`) and committed."""
    columns = _columns(model, read.label)
    if not columns:
        return None
    lookups = _lookups(func, bound_local(func, read.line, read.call))
    stores = _collection_stores(func, columns, lookups)
    for block in func.extra.get("blocks", ()):
        if block.get("kind") != "if" or block["line"] <= read.line or not block.get("exits"):
            continue
        for chain in block.get("chains", ()):
            row, _, column = chain.partition(".")
            if column not in columns or func.local_types.get(row) is not None and row not in lookups:
                continue  # only a loop or lookup variable, not a value of another call
            for store in stores:
                if store["target"].endswith("." + column) and store["line"] > block["end"]:
                    write = _write_after(func, store["line"])
                    if write and not _locked(func, read.line, store["line"]):
                        return row, block["line"], store, write
    return None


def _collection_stores(func: FunctionFacts, columns: frozenset[str], lookups: set[str]) -> list[dict]:
    """Increments of a model column through a collection (`by_id[key].quantity -= n`) or through a
    row looked up in it (`item.quantity -= n` after `item = items[key]`)."""
    return [s for s in func.extra.get("stores", ()) if s["kind"] == "aug" and not s["target"].startswith("self.")
            and s["target"].rsplit(".", 1)[-1] in columns
            and (".[]." in s["target"] or s["target"].partition(".")[0] in lookups)]


def _lookups(func: FunctionFacts, collection: str) -> set[str]:
    """Locals bound to one row looked up in the collection the read returned (`item =
    items.get(line.item_id)` after `items = await repo.items_by_id(ids)`)."""
    if not collection:
        return set()
    return {name for name, value in func.local_types.items() if isinstance(value, dict)
            and (value.get("call") == f"{collection}.get" or value.get("ref") == f"{collection}.[]")}


def _columns(model: ProjectModel, label: str) -> frozenset[str]:
    """The mapped attributes of the model class named `label`."""
    return model.memo(f"concurrency.columns.{label}", lambda: frozenset(
        name for _, cls in model.classes.values() if cls.name == label
        for name in (*cls.annotations, *cls.class_attrs) if not name.startswith("_")))


def _write_after(func: FunctionFacts, line: int, exits: tuple[tuple[int, int], ...] = ()) -> int:
    """The commit or flush that writes the change: a call after it, or the end of an enclosing
    `async with session.begin():` or of a project unit of work that commits on exit (`exits`)."""
    for block in func.extra.get("blocks", ()):
        if block.get("kind") == "with" and str(block.get("expr", "")).endswith("begin") \
                and block["line"] < line <= block["end"]:
            return block["line"]
    for start, end in exits:
        if start < line <= end:
            return start
    return next((s.line for s in func.calls if s.func and s.func[-1] in _WRITES and s.line > line), 0)


def _saving_calls(model: ProjectModel, fq: str) -> dict[int, set[str]]:
    """Line -> the locals handed there to an awaited project helper that commits or merges
    (`await self._repo.save(campaign)` over `session.merge(campaign)` in `session.begin()`): the
    helper writes back the row the caller changed, as a commit in the caller would."""
    saves: dict[int, set[str]] = {}
    for edge in model.edges.get(fq, ()):
        callee = model.callee_function(edge.target) if edge.site.awaited else ""
        if callee and _commits(model.functions[callee][1]):
            saves.setdefault(edge.site.line, set()).update(
                a["ref"] for a in (*edge.site.args, *edge.site.kwargs.values()) if isinstance(a, dict) and a.get("ref"))
    return saves


def _commits(func: FunctionFacts) -> bool:
    """The function commits (a commit or flush, or a `session.begin()` block it leaves)."""
    return any(s.func and s.func[-1] in _WRITES for s in func.calls) or any(
        b.get("kind") == "with" and str(b.get("expr", "")).endswith("begin") for b in func.extra.get("blocks", ()))


def _committing_blocks(model: ProjectModel, fq: str, func: FunctionFacts) -> tuple[tuple[int, int], ...]:
    """Spans of `async with db.transaction() as session:` blocks whose context manager is a project
    function that commits the session itself (`yield session` then `await session.commit()`):
    leaving the block writes what the body changed, as the end of `session.begin()` does."""
    withs = {b["line"]: b["end"] for b in func.extra.get("blocks", ()) if b.get("kind") == "with"}
    spans = []
    for edge in model.edges.get(fq, ()):
        callee = model.callee_function(edge.target) if edge.site.line in withs and edge.site.used_as else None
        if callee and any(s.func and s.func[-1] == "commit" for s in model.functions[callee][1].calls):
            spans.append((edge.site.line, withs[edge.site.line]))
    return tuple(spans)
