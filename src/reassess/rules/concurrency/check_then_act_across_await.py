"""RA307 race-condition: shared state checked, then an await, then acted on."""
from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Iterator

from ...facts.types import FunctionFacts, ModuleFacts
from ...findings import Finding, Location
from ...knowledge.locks import SIGNAL_TYPES
from ...model.project import ProjectModel
from ..api import ProjectContext, Rule, register
from ._blocking import short
from ._locks import held_by_try_lock
from ._entries import EntryIndex, concurrent, entry_index, serving_coroutines, shared_instances

MUTATORS = frozenset({"add", "append", "extend", "update", "setdefault", "pop", "popitem", "remove", "discard",
                      "clear", "insert", "appendleft"})
_AWAITS = ("await", "async-with", "async-for")


@dataclass
class Race:
    state: str  # "self._meta_cache" or a module name
    check: dict  # the `if` block
    wait_line: int
    wait_text: str
    act_line: int
    act_text: str


@register
class CheckThenActAcrossAwait(Rule):
    """Shared state tested in an `if`, an `await`, then the state written on the strength of
    that test, with no lock held across the three.

    What it finds:
        In a coroutine, an `if` whose test reads a container held in an attribute of `self` or
        in a mutable module global (`if key not in self._cache:`), followed (inside the
        branch, or after it when the branch returns, or later in the loop body when it
        `continue`s) by an `await` and then a write into the
        same container (`self._cache[key] = ...`, `.add()`, `.setdefault()`...). When the test
        looks up one key (`if (old := self._conns.get(key)) is not None:`) and the branch awaits
        (`await old.close()`), the write after the branch counts too. An item of such a
        container (`party = self._parties[key]`, or `self._get(key)` returning one) is shared
        state as well: `if len(party.members) >= limit: raise`, an await, `party.members.append(...)`.
        Not reported: an event or condition (`await self._event.wait()`, then `self._event.clear()`:
        the signal's own protocol, not a container written on a stale test); a lazily initialised attribute (`if not self.id: self.id = await ...`,
        idempotent); state of objects constructed per call (only module-level, startup-time
        or service-owned instances are shared); code no entry point reaches (the public methods
        of a class the serving app uses count as reached: their callers lie outside the code); an
        `async with <lock>` covering both the test and the write (a per-key lock from a
        mapping or a helper, `async with self._lock_for(key):`, included); callers that all
        hold a lock; a write before the first await (the slot is claimed first), also to another
        container the same test reads (`if k in self.live or k in self.pending: return`, then
        `self.pending.add(k)` before the await: a second caller finds `k` pending).

    Why it matters:
        The `await` hands the loop to other tasks. Two concurrent requests both pass the check
        before either writes: both fetch or create, the last write wins, and anything the first
        one created is orphaned (duplicate remote calls, two clients or connections, a counter
        or registry that loses updates).

    Example:
        if symbol not in self._meta_cache:
            response = await self._client.get(f"/v1/instruments/{symbol}")
            self._meta_cache[symbol] = response.json()

    Instead:
        Hold an `asyncio.Lock` across check, await and write (per key if contention matters),
        or store an in-flight future so later callers await the first fetch:

            async with self._meta_lock:
                if symbol not in self._meta_cache:
                    response = await self._client.get(f"/v1/instruments/{symbol}")
                    self._meta_cache[symbol] = response.json()
    """

    id = "RA307"
    name = "check-then-act-across-await"
    category = "race-condition"
    severity = "MEDIUM"
    scope = "project"
    base_effort = 1.0

    def check(self, ctx: ProjectContext) -> Iterator[Finding]:
        model = ctx.model
        shared = shared_instances(ctx)
        index = entry_index(ctx)
        examined = 0
        for fq, facts, func in serving_coroutines(ctx):  # also public methods whose callers lie outside the code
            if func.name.startswith("_") and not concurrent(index, fq):
                continue  # an uncalled private helper is dead code, not a method called from elsewhere
            if _teardown(index, fq, func):
                continue
            owner_shared = not func.class_name or shared.shared(f"{facts.module}.{func.class_name}")
            reported: set[tuple[str, int, int]] = set()
            for block in func.extra.get("blocks", ()):
                if block.get("kind") != "if" or block.get("awaits"):
                    continue
                for state in _shared_state(facts, func, block) + _element_state(model, facts, func, block):
                    if state.startswith("self.") and not owner_shared:
                        continue  # an object made per call: its state is not shared between tasks
                    examined += 1
                    race = _race(ctx, facts, func, block, state)
                    if race is not None and not callers_hold_lock(model, fq):
                        if (race.state, race.wait_line, race.act_line) not in reported:
                            # a nested test of the same state before the same await and write is one race
                            reported.add((race.state, race.wait_line, race.act_line))
                            yield self._finding(ctx, fq, facts.path, race)
                        break
        ctx.examine("checks of shared state in coroutines", examined)

    def _finding(self, ctx: ProjectContext, fq: str, path: str, race: Race) -> Finding:
        check_line = race.check["line"]
        test = ctx.model.line_text(path, check_line)
        description = (
            f"`{short(fq)}` tests `{race.state}` (`{test}`), awaits at line {race.wait_line} (`{race.wait_text}`), "
            f"then writes `{race.state}` at line {race.act_line} (`{race.act_text}`), with no lock held across them. "
            f"Two concurrent calls both pass the test before either writes: the work is done twice and the "
            f"last write wins.")
        related = [Location(path, race.wait_line, race.wait_line, "await: other tasks run here"),
                   Location(path, race.act_line, race.act_line, f"`{race.state}` written on the stale check")]
        lock = f"self._{race.state.rsplit('.', 1)[-1].lstrip('_')}_lock" if race.state.startswith("self.") \
            else f"_{race.state.lower()}_lock"
        recommendation = ("Hold one `asyncio.Lock` across the check, the await and the write (or keep an in-flight "
                          "future per key so later callers await the first one):\n\n"
                          f"    async with {lock}:  # {lock} = asyncio.Lock()\n"
                          f"        {test}\n"
                          "            ...")
        return self.finding(Location(path, check_line, check_line),
                            f"Check-then-act on `{race.state}` across an await in `{short(fq)}`",
                            description, related=related, recommendation=recommendation)


def _shared_state(facts: ModuleFacts, func: FunctionFacts, block: dict) -> list[str]:
    """`self.x` chains and mutable module globals the test reads."""
    found = [c for c in block.get("chains", ()) if c.startswith("self.")]
    local = set(func.local_types) | {p.name for p in func.params}
    for name in block.get("names", ()):
        assign = facts.assigns.get(name)
        if assign is not None and assign.mutable and name not in local:
            found.append(name)
    return found


def _element_state(model: ProjectModel, facts: ModuleFacts, func: FunctionFacts, block: dict) -> list[str]:
    """`party.members` where `party` is an element of a container on `self` (`self._parties[key]`,
    `self._parties.get(key)`, or a method of the class returning one, `self._get(party_id)`): the
    object is shared with every task that looks up the same key."""
    found = []
    for chain in block.get("chains", ()):
        root = chain.split(".", 1)[0]
        if root != "self" and func.class_name and _element_of_self(model, facts, func, root):
            found.append(chain)
    return found


def _element_of_self(model: ProjectModel, facts: ModuleFacts, func: FunctionFacts, name: str, depth: int = 0) -> bool:
    """The local `name` holds an item of a container on `self`, directly or as a method's return."""
    value = func.local_types.get(name)
    if not isinstance(value, dict) or any(p.name == name for p in func.params):
        return False
    parts = str(value.get("ref") or value.get("call") or "").split(".")
    if parts[0] != "self" or len(parts) < 2:
        return False
    if len(parts) == 3 and (parts[2] == "[]" or "call" in value and parts[2] in ("get", "setdefault")):
        return True
    method = model.functions.get(f"{facts.module}.{func.class_name}.{parts[1]}") if len(parts) == 2 else None
    return method is not None and depth < 1 and "call" in value and any(
        isinstance(v, dict) and "ref" in v and _element_of_self(model, facts, method[1], v["ref"], depth + 1)
        for v in method[1].returns_values)


def _race(ctx: ProjectContext, facts: ModuleFacts, func: FunctionFacts, block: dict, state: str) -> Race | None:
    signal = _signal(ctx, facts, func, state)
    start, end = block["line"], block["end"]
    if block.get("exits"):
        end = func.end_line  # `if cached: return ...` guards the rest of the function
    elif block.get("skips"):
        end = _loop_end(func, start) or end  # `if seen: continue` guards the rest of the loop body
    acts = _acts(func, state, start, end, _EVENT_SET if signal else frozenset())
    if not acts and _keyed_test(ctx, facts, block, state) and first_await(func, start, end):
        acts = _acts(func, state, end, _enclosing_end(func, start))  # `if old := x.get(k): await close(old)`
    if not acts and block.get("else_line") and _present_test(ctx, facts, block, state):
        start = block["else_line"] - 1  # `if k in d: reuse ... else: await create(); d[k] = ...`
        acts = _acts(func, state, start, block["else_end"])
    if not acts:
        return None
    if block.get("exits") and _empty_test(ctx, facts, block, state) and all(_adds(text) for _, text in acts):
        return None  # `if not self._buffer: return`, then items put back: adding cannot undo "not empty"
    act_line, act_text = acts[0]
    if any(st["target"] == state and not st["item"] and start < st["line"] <= act_line
           for st in func.extra.get("stores", ())):
        return None  # the container is rebound first: a lazy init filling a fresh object
    waits = sorted([(s.line, f"{s.name}(...)") for s in func.calls
                    if s.used_as in _AWAITS and start < s.line <= act_line
                    and not _argument_of(func, state, act_line, s)]
                   + [(line, ctx.model.line_text(facts.path, line)) for line in func.extra.get("bare_awaits", ())
                      if start < line <= act_line])
    if not waits or locked(func, start, act_line) or _claimed(facts, func, block, start, waits[0][0]):
        return None
    if signal and not _done_flag(state, act_text, waits):
        return None
    return Race(state, block, waits[0][0], waits[0][1], act_line, act_text)


def _signal(ctx: ProjectContext, facts: ModuleFacts, func: FunctionFacts, state: str) -> bool:
    """`state` holds an event or condition."""
    found = ctx.model.resolver.type_of_chain(facts, func, tuple(state.split(".")))
    return found is not None and found[0] == "ext_instance" and found[1] in SIGNAL_TYPES


_EVENT_SET = frozenset({"set"})


def _done_flag(state: str, act_text: str, waits: list[tuple[int, str]]) -> bool:
    """An event tested and then set after other awaited work (`if not self._ready.is_set():
    await self._load(); self._ready.set()`) is a "done" flag guarding that work: two tasks both
    see it unset and both load. Waiting on the event and clearing (or setting) it to re-arm it
    (`await self._event.wait(); self._event.clear()`) is the signal's own protocol, not a write
    into shared data the test could have seen stale."""
    own_wait = f"{state}.wait"
    return act_text.startswith(f"{state}.set(") and not any(own_wait in text for _line, text in waits)


def _claimed(facts: ModuleFacts, func: FunctionFacts, block: dict, start: int, first_wait: int) -> bool:
    """Before its first await the coroutine adds to a container the same test reads
    (`if server in self.interfaces or server in self._connecting: return`, then
    `self._connecting.add(server)`): the key is claimed before other tasks run, so a second
    caller sees it and leaves. Only a claim every path makes counts, not one under a nested
    branch or loop."""
    for other in _shared_state(facts, func, block):
        for line, text in _acts(func, other, start, first_wait - 1):
            if (_adds(text) or text.endswith("[...] = ...") or text.endswith(".setdefault(...)")) \
                    and not _conditional(func, start, line):
                return True
    return False


def _conditional(func: FunctionFacts, start: int, line: int) -> bool:
    """A branch, loop or handler that opens after line `start` encloses `line` (an `if` with its
    `else` part)."""
    return any(b.get("kind") in ("if", "loop", "except") and start < b["line"] <= line
               <= max(b["end"], b.get("else_end") or 0) for b in func.extra.get("blocks", ()))


_TEARDOWNS = frozenset({"shutdown", "stop", "close", "aclose", "teardown", "dispose", "cleanup"})


def _teardown(index: EntryIndex, fq: str, func: FunctionFacts) -> bool:
    """Code that runs once, as the process stops (the app's shutdown, or a `shutdown()`/`close()`
    that nothing serving calls but another shutdown): no second concurrent call to race with."""
    if _teardown_name(fq):
        callers = index.model.callers.get(fq, ())
        return not index.is_serving(fq) or bool(callers) and all(_teardown_name(e.caller) for e in callers)
    return not index.is_serving(fq) and fq in index.startup


def _teardown_name(fq: str) -> bool:
    return fq.rsplit(".", 1)[-1].lstrip("_") in _TEARDOWNS


_ADDS = ("append", "appendleft", "extend", "extendleft", "add", "put_nowait", "insert")


def _adds(act_text: str) -> bool:
    return act_text.endswith(tuple(f".{verb}(...)" for verb in _ADDS))


def _empty_test(ctx: ProjectContext, facts: ModuleFacts, block: dict, state: str) -> bool:
    """The test leaves when the container is empty (`if not self._buffer`), not on one key of it."""
    return state in block.get("absent", ()) and not _keyed_test(ctx, facts, block, state)


def _keyed_test(ctx: ProjectContext, facts: ModuleFacts, block: dict, state: str) -> bool:
    """The test looks up one key of the container (`state.get(key)`, `key in state`)."""
    if any(call[0] == f"{state}.get" for call in block.get("calls", ())):
        return True
    return re.search(rf"\bin\s+{re.escape(state)}\b", ctx.model.line_text(facts.path, block["line"])) is not None


def _present_test(ctx: ProjectContext, facts: ModuleFacts, block: dict, state: str) -> bool:
    """`if key in state:` (not `not in`): its else branch runs when the key is absent."""
    text = ctx.model.line_text(facts.path, block["line"])
    return re.search(rf"(?<!\bnot)\s+in\s+{re.escape(state)}\s*:", text) is not None


def first_await(func: FunctionFacts, start: int, end: int) -> int:
    """The line of the first await (an awaited call, `async with`/`async for`, a bare `await x`)
    after line `start`, up to line `end` (0 when none)."""
    lines = [s.line for s in func.calls if s.used_as in _AWAITS and start < s.line <= end]
    lines += [line for line in func.extra.get("bare_awaits", ()) if start < line <= end]
    return min(lines, default=0)


def _enclosing_end(func: FunctionFacts, line: int) -> int:
    """The last line of the innermost block around the `if` at `line` (the function's end when
    none): the statements after the branch that run on the same test."""
    around = [b for b in func.extra.get("blocks", ()) if b["line"] < line <= b["end"]]
    return min(around, key=lambda b: b["end"] - b["line"])["end"] if around else func.end_line


def _loop_end(func: FunctionFacts, line: int) -> int:
    """The last line of the innermost loop around `line` (0 when none)."""
    loops = [b for b in func.extra.get("blocks", ()) if b.get("kind") == "loop" and b["line"] < line <= b["end"]]
    return min(loops, key=lambda b: b["end"] - b["line"])["end"] if loops else 0


def _argument_of(func: FunctionFacts, state: str, act_line: int, awaited) -> bool:
    """The write is a call inside the awaited call's arguments (`await self.close(self._conns.pop(key))`):
    it runs before the coroutine suspends, so it claims the entry before other tasks run."""
    begin = (awaited.line, awaited.col)
    return any(site.func and site.func[:-1] == tuple(state.split(".")) and site.func[-1] in MUTATORS
               and site.line == act_line and begin < (site.line, site.col) and site.line <= awaited.end_line
               for site in func.calls)


def _acts(func: FunctionFacts, state: str, start: int, end: int,
          also: frozenset = frozenset()) -> list[tuple[int, str]]:
    """Writes into the container: item stores and mutating calls (and the methods in `also`:
    `set` for an event). Rebinding the attribute itself (`self._id = await fetch()`) is an
    idempotent lazy init, not reported."""
    acts: list[tuple[int, str]] = []
    for store in func.extra.get("stores", ()):
        if store["target"] == state and start < store["line"] <= end and store["item"]:
            acts.append((store["line"], f"{state}[...] = ..."))
    parts = tuple(state.split("."))
    for site in func.calls:
        mutates = site.func and site.func[:-1] == parts and (site.func[-1] in MUTATORS or site.func[-1] in also)
        if mutates and start < site.line <= end and not site.awaited:  # `await self.store.pop(key)`: a client's call, not the container's method
            acts.append((site.line, f"{site.name}(...)"))
    return sorted(acts)


def locked(func: FunctionFacts, first: int, last: int) -> bool:
    """A lock held across the lines: `async with self._lock:`, or a per-key lock taken from a
    mapping or a helper (`async with self._locks[key]:`, `async with self._lock_for(key):`)."""
    if any(use.line <= first and last <= use.end_line for use in func.locks):
        return True
    return any(b.get("kind") == "with" and b["line"] <= first and last <= b["end"] and _names_lock(b.get("expr", ""))
               for b in func.extra.get("blocks", ())) or held_by_try_lock(func, first, last)


_LOCK_WORDS = frozenset({"lock", "locks", "rlock", "mutex", "semaphore", "sem", "condition", "cond"})


def _names_lock(expr: str) -> bool:
    """`self._locks.[]`, `self._locks.setdefault`, `self._lock_for`, `tenant_lock`: a part of the
    expression (or of the callee) after its root names a lock."""
    names = [part for part in expr.split(".") if part != "[]"]  # `_clinic_locks.[]`: a module's table
    parts = names[1:] or names
    return any(word in _LOCK_WORDS for part in parts for word in part.lower().split("_"))


def callers_hold_lock(model: ProjectModel, fq: str) -> bool:
    """Every caller of `fq` calls it with a lock held: the lock serialises the whole function."""
    callers = model.callers.get(fq, [])
    return bool(callers) and all(edge.site.locks_held for edge in callers)
