"""RA323 race-condition: a shared value copied into a local, an await, then written back stepped."""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import partial
from typing import Callable, Iterator

from ...facts.types import FunctionFacts, ModuleFacts
from ...findings import Finding, Location
from ..api import ProjectContext, Rule, register
from ._blocking import short
from ._calls import bound_local
from ._dbaccess import db_access, versioned
from ._entries import serving_coroutines, shared_instances
from ._text import arithmetic_on
from .check_then_act_across_await import callers_hold_lock, first_await, locked

_COPY = re.compile(r"^\s*(\w+)\s*(?::[^=]+)?=(?!=)\s*(self\.\w+|[a-z_]\w*\.\w+)\s*(\.get\(|\[|or\b|#|$)")
_STORE = re.compile(r"^\s*([\w.]+)\s*(?:\[[^\]]*\])?\s*=(?!=)(.*)$")


@dataclass
class Stale:
    state: str  # "self._nonces" or "offer.approvals_count"
    local: str
    read: int
    wait: int
    write: int
    row: str = ""  # the ORM/SQL read's label when the state is a column of a loaded row


@register
class StaleValueWrittenBack(Rule):
    """A coroutine that copies a shared value into a local, awaits, and then writes the local
    plus or minus a step back to where it came from: a read-modify-write split by an await.

    What it finds:
        A local copied from state other tasks share (`nonce = self._nonces.get(chain)`,
        `seq = self._next_id` on a service every request uses) or from a column of a row loaded
        without a lock (`approvals = offer.approvals_count` after `offer = await repo.get(id)`),
        then an `await`, then a store of that local stepped back into the same place
        (`self._nonces[chain] = nonce + 1`, `offer.approvals_count = approvals + 1`). Cited at the
        write that loses the concurrent updates, the copy and the await related. Not reported: an
        object made per call, a lock held across the copy and the write (or by every caller), a row
        loaded `FOR UPDATE` or mapped with `version_id_col`, and code no entry point reaches.

    Why it matters:
        The await hands the loop (or, for a row, the database) to other requests. Two of them copy
        the same value, both step it and both write the same result: one increment is lost. A nonce
        handed out twice signs two transactions with one sequence number; an approval counted
        once for two approvers lets an offer through with one approval short.

    Example:
        nonce = self._nonces.get(chain)
        signed = await self._signer.sign(request, nonce=nonce)
        self._nonces[chain] = nonce + 1

    Instead:
        Take and advance the value in one step before the await (or under one `asyncio.Lock`
        held across the three), and for a row let the database do it:

            async with self._nonce_lock:
                nonce = self._nonces.get(chain, 0)
                self._nonces[chain] = nonce + 1
            signed = await self._signer.sign(request, nonce=nonce)
    """

    id = "RA323"
    name = "stale-value-written-back"
    category = "race-condition"
    severity = "MEDIUM"
    scope = "project"
    base_effort = 1.0

    def check(self, ctx: ProjectContext) -> Iterator[Finding]:
        model, shared, db = ctx.model, shared_instances(ctx), db_access(ctx)
        examined = 0
        for fq, facts, func in serving_coroutines(ctx):
            if not func.extra.get("stores") or callers_hold_lock(model, fq):
                continue
            owner_shared = bool(func.class_name) and shared.shared(f"{facts.module}.{func.class_name}")
            rows = {bound_local(func, r.line, r.call): r.label for r in db.summary(fq).reads if not r.counts}
            text = partial(model.line_text, facts.path)
            for stale in _stale_copies(func, text, owner_shared, rows):
                examined += 1
                if not (stale.row and versioned(model, stale.row)):
                    yield self._finding(fq, facts, stale, text)
                    break
        ctx.examine("shared values copied across an await", examined)

    def _finding(self, fq: str, facts: ModuleFacts, stale: Stale, text: Callable[[int], str]) -> Finding:
        path = facts.path
        where = f"a column of the `{stale.row}` row loaded without a lock" if stale.row else "state other tasks share"
        description = (
            f"`{short(fq)}` copies `{stale.state}` ({where}) into `{stale.local}` at line {stale.read}, awaits at "
            f"line {stale.wait} (`{text(stale.wait).strip()}`) and writes `{stale.local}` stepped back at line "
            f"{stale.write} (`{text(stale.write).strip()}`). Concurrent calls copy the same value while this one "
            "waits, and each writes its own step on top of it: all but one update are lost.")
        recommendation = (
            "Read and advance the value in one step: before the await under an `asyncio.Lock` held across "
            "both, or for a row in the database (`UPDATE ... SET n = n + 1 RETURNING n`, or load it "
            "`FOR UPDATE`).")
        related = [Location(path, stale.read, stale.read, f"`{stale.state}` copied into `{stale.local}`"),
                   Location(path, stale.wait, stale.wait, "await: other tasks run here")]
        return self.finding(Location(path, stale.write, stale.write),
                            f"Read-modify-write of `{stale.state}` across an await in `{short(fq)}`",
                            description, related=related, recommendation=recommendation)


def _stale_copies(func: FunctionFacts, text: Callable[[int], str], owner_shared: bool,
                  rows: dict[str, str]) -> Iterator[Stale]:
    """Each copy of shared state (or of a loaded row's column) into a local that an await later
    writes back stepped, with no lock held across the copy and the write."""
    stores = [s for s in func.extra.get("stores", ()) if s["kind"] == "set"]
    for line in range(func.line + 1, func.end_line + 1):
        copy = _COPY.match(text(line))
        if copy is None:
            continue
        local, state, access = copy.groups()
        root = state.split(".", 1)[0]
        if not (owner_shared if root == "self" else root in rows and access in ("", "#", "or")):
            continue  # a per-call object's state, or a row's column read through a lookup
        for store in stores:
            if store["target"] != state or store["line"] <= line or not _stepped_back(text(store["line"]), local):
                continue
            wait = first_await(func, line, store["line"] - 1)  # an await before the write
            if wait and not locked(func, line, store["line"]):
                yield Stale(state, local, line, wait, store["line"], rows.get(root, ""))
                break


def _stepped_back(source: str, local: str) -> bool:
    """The store's value is the local plus or minus a step (`nonce + 1`, `int(count or 0) - 1`)."""
    match = _STORE.match(source)
    return match is not None and re.search(arithmetic_on(local), match.group(2)) is not None
