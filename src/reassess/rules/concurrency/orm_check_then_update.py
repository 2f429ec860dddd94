"""RA321 race-condition: an ORM row read without a lock, checked, then changed in Python."""
from __future__ import annotations

import re
from typing import Callable, Iterator

from ...facts.types import FunctionFacts, ModuleFacts
from ...findings import Finding, Location
from ...model.project import ProjectModel
from ..api import ProjectContext, Rule, register
from ._batch_writeback import batch_written_back
from ._calls import bound_local, bound_result
from ._dbaccess import Access, db_access, versioned
from ._entries import serving_coroutines
from ._late_transition import late_transition, limit_in_helper, state_checks, transition_in_helper
from ._limit_then_update import blind_update, claim_in_filter, limit_then_update, refs_at, state_then_update
from .check_then_act_across_await import callers_hold_lock
from ._helper_steps import stepped_in_helper
from ._predicate_check import predicate_then_set
from ._orm_wording import advice, description, related
from ._orm_writes import WRITES, committed_by_caller, committing_blocks, model_columns, saving_calls, write_after
from ._rowlocks import row_locked_before
from ._unlocked_writers import UnlockedWriters
from .select_then_insert import _locked, serialised


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
        key, even `FOR UPDATE`) without testing it; a state tested through a repository predicate
        that loads the row (`if await repo.is_assigned(member_id): raise`, answering `member.vessel_id
        is not None`), then set on the row loaded again by that key without a lock or a second test;
        and a column stepped by a helper each unlocked row is handed to (`for tenant in tenants: await
        self._invoice(tenant)`, whose body does `tenant.credit_cents -= applied`) before the caller
        commits, cited at the step; a column stepped on a row a helper loaded and left to its caller to
        commit (`row.report_count = row.report_count + 1`, then `await session.commit()` in the caller
        that awaits it, in a caller further up, or in the request's `Depends` provider after its `yield`;
        a flush before the step does not write it), cited at the step; and rows read in bulk
        (`states = await repo.get_states(ids)`) whose column is stepped per row into a list
        (`failures = state["failures"] + 1`, `rows.append((key, failures))`) written back by an UPDATE
        assigning that column (`await repo.write_states(rows)`), cited at the UPDATE.
        Reported at the check, once per coroutine, and again for a counter of another table stepped
        after its own check (a request's status checked, then a voucher's uses). Not reported when the
        read locks (`.with_for_update()`, `FOR UPDATE`),
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
        writers = UnlockedWriters(ctx)
        for fq, facts, func in serving_coroutines(ctx):
            if not _may_write(model, fq, func, db):
                continue
            summary = db.summary(fq)
            exits = committing_blocks(model, fq, func)
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
        title, recommendation = advice(fq, read, row, gate, store, column)
        cited = store["via"]["path"] if store.get("via") else path  # the step, in the helper handed the row
        return self.finding(Location(cited, gate, gate), title,
                            description(model, fq, path, read, row, gate, store, write, column),
                            related=related(path, read, store, write, column), recommendation=recommendation)


def _another_race(reported: list[str], read: Access, store: dict) -> bool:
    """The first check-then-write of a coroutine, or a later one that steps a counter of another
    table after checking it (`rx.refills_remaining - 1` after `if rx.refills_remaining <= 0`, once the
    request's own status check was reported): a second lost update, not the same race again."""
    return not reported or store["kind"] == "aug" and read.table not in reported


def _check_and_write(model: ProjectModel, fq: str, facts: ModuleFacts, func: FunctionFacts, read: Access, summary,
                     exits, writers: "UnlockedWriters") -> tuple[str, int, dict, int] | None:
    """(row local, check line, store, write line) of the first form of check-then-write the read takes."""
    text = lambda line: model.line_text(facts.path, line)  # noqa: E731
    blind_locked = lambda f, first, last: _locked(f, first, last) and writers.beside(fq, read) is None  # noqa: E731
    return _check_then_write(func, read, text, exits, saving_calls(model, fq), lambda: committed_by_caller(model, fq)) \
        or _through_collection(model, func, read) \
        or _check_then_update_statement(func, read, summary.updates, text) \
        or limit_then_update(func, read, summary.updates, text, _locked) \
        or state_then_update(func, read, summary.updates, text, _locked) \
        or late_transition(func, read, summary, text, _locked) \
        or transition_in_helper(model, fq, func, read, text, _locked) \
        or limit_in_helper(model, fq, func, read, text, _locked) \
        or blind_update(func, read, summary.updates, text, blind_locked) \
        or batch_written_back(func, read, summary.updates, text, _locked) \
        or _claim(facts, func, read, summary.updates, text, _statement(model, read)) \
        or predicate_then_set(model, fq, func, read, summary.reads, lambda line: write_after(func, line, exits), _locked) \
        or stepped_in_helper(model, fq, func, read, exits, _locked)


def _may_write(model: ProjectModel, fq: str, func: FunctionFacts, db) -> bool:
    """The coroutine changes a row: an attribute store, an UPDATE (its own or a callee's), or an
    awaited project helper that sets or steps an attribute (the helper may move the state it checked)."""
    return any(s.get("kind") in ("aug", "set") and "." in s["target"] for s in func.extra.get("stores", ())) \
        or any(s.func and s.func[-1] == "update" for s in func.calls) or bool(db.summary(fq).updates) \
        or any(e.site.awaited and _sets_attribute(model, e.target) for e in model.edges.get(fq, ()))


def _sets_attribute(model: ProjectModel, target) -> bool:
    callee = model.callee_function(target)
    return bool(callee) and callee in model.functions and any(
        s.get("kind") in ("set", "aug") and "." in s["target"] for s in model.functions[callee][1].extra.get("stores", ()))


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


def _check_then_write(func: FunctionFacts, read: Access, text: Callable[[int], str],
                      exits: tuple[tuple[int, int], ...], saves: dict[int, set[str]] | None = None,
                      caller: Callable[[], tuple[str, int, int] | None] = lambda: None
                      ) -> tuple[str, int, dict, int] | None:
    """(row local, check line, store, commit line) when the row the read binds is tested by an
    exiting `if` and one of the tested columns is then changed in place and committed, with no
    lock held across check and write; or, for a state transition, the column tested by an
    equality or membership test (`if ride.status not in ACTIVE:`) and then assigned."""
    if not read.label[:1].isupper():
        return None
    row = bound_result(func, read.line, read.call)
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
                write = write_after(func, store["line"], exits)
                if write and not _locked(func, read.line, store["line"]):
                    return row, block["line"], store, write
    return _blind_increment(func, read, row, stores, exits, saves or {}, caller)


def _acts_on_check(func: FunctionFacts, block: dict, store: dict, text: Callable[[int], str]) -> bool:
    """The store acts on the `if` that tested its column: after an exiting `if`, an increment or a
    state assigned after an equality or membership test; or a transition inside a guarded branch."""
    if store["line"] > block["end"] and block.get("exits") \
            and (store["kind"] == "aug" or _state_test(text(block["line"]), store["target"])):
        return True
    return _guarded_transition(func, block, store, text)


def _blind_increment(func: FunctionFacts, read: Access, row: str, stores: list[dict],
                     exits: tuple[tuple[int, int], ...], saves: dict[int, set[str]],
                     caller: Callable[[], tuple[str, int, int] | None] = lambda: None
                     ) -> tuple[str, int, dict, int] | None:
    """`campaign.budget = campaign.budget + amount` (or `+=`) on the row `row` read without a lock
    (the check, if any, made by the helper that loaded it), then committed (here, by a project
    helper handed the row, `await repo.save(campaign)`, or, when this coroutine commits nothing after it, by
    the caller that awaits it): the UPDATE writes the value this request computed, so a concurrent
    change of the column in between is lost. Cited at the store."""
    for store in stores:
        if store["kind"] != "aug" or store["line"] <= read.line or ".[]." in store["target"]:
            continue
        write = write_after(func, store["line"], exits) \
            or next((line for line in sorted(saves) if line > store["line"] and row in saves[line]), 0)
        by_caller = None if write else caller()  # a flush before the step does not write it
        if (write or by_caller) and not _locked(func, read.line, store["line"]):
            others = [s["line"] for s in stores if s["kind"] == "aug" and s["line"] > store["line"]
                      and s["target"] != store["target"]]
            extra = {"by_caller": by_caller[:2]} if by_caller else {}
            return row, store["line"], {**store, "blind": True, "others": others, **extra}, write or by_caller[2]
    return None


def _guarded_transition(func: FunctionFacts, block: dict, store: dict, text: Callable[[int], str]) -> bool:
    """`if booking.status in ("confirmed", "paid"):` whose branch does awaited work (a refund, a
    payout) and then assigns the state it tested: two requests both see the old state and both
    do the work before either commits the new one."""
    if block.get("exits") or store["kind"] != "set" or not block["line"] < store["line"] <= block["end"] \
            or not _state_test(text(block["line"]), store["target"]):
        return False
    return any(s.awaited and block["line"] < s.line < store["line"] and not (s.func and s.func[-1] in WRITES)
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
    (`cp.vendor = payload.get("vendor", cp.vendor)`) or of an `or` (`order.slot = parsed.slot or
    order.slot`) is replaced, not computed from."""
    word = re.escape(chain)
    kept = re.sub(rf"\.get\([^()]*,\s*{word}\s*\)|\bor\s+{word}\s*$", ".get()", line)
    return re.search(rf"\b{word}\s*(?::[^=]+)?=(?!=).*\b{word}\b", kept) is not None


def _limit_test(line: str, chain: str) -> bool:
    """`if account.balance_cents < amount_cents:`: the column ordered against a limit."""
    return re.search(rf"\b{re.escape(chain)}\s*(?:<=|>=|<|>)\s|(?:<=|>=|<|>)\s*{re.escape(chain)}\b", line) is not None


def _through_collection(model: ProjectModel, func: FunctionFacts, read: Access) -> tuple[str, int, dict, int] | None:
    """The rows of a read gathered into a collection and checked one by one (`for line in
    lines: listing = by_id.get(line.listing_id); if listing.quantity < line.quantity: raise`),
    then one of the checked columns of the read's model changed in place
    (`by_id[line.listing_id].quantity -= line.quantity`) and committed."""
    columns = model_columns(model, read.label)
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
                    write = write_after(func, store["line"])
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


