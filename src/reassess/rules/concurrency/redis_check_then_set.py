"""RA319 race-condition: a redis key tested with EXISTS, work done, then the key SET as a marker."""
from __future__ import annotations

import re
from functools import partial
from typing import Callable, Iterator, Sequence

from ...facts.types import CallSite, FunctionFacts
from ...findings import Finding, Location
from ...model.project import Edge
from ...model.resilience.state import MUTATORS
from ..api import ProjectContext, Rule, register
from ._blocking import short
from ._calls import bound_site
from ._text import arithmetic_on, key_text as _key_text, locals_assigned_from
from ._entries import serving_coroutines
from ._limit_then_update import compared_columns
from ._remotewrites import RemoteWrites, remote_writes
from .check_then_act_across_await import locked

_CHECKS = frozenset({"exists", "sismember", "hexists", "smismember"})
_MARKS = frozenset({"set", "setex", "psetex", "sadd", "hset", "hmset"})
_READS = frozenset({"get", "hget"})
_COUNTS = frozenset({"incr", "incrby", "hincrby", "incrbyfloat"})
_INLINE_SETS = frozenset({"set", "setex", "psetex"})
_SIZES = frozenset({"scard", "llen", "hlen", "zcard", "xlen"})
_GROWS = frozenset({"sadd", "rpush", "lpush", "zadd", "hset", "xadd"})
_RAISE = re.compile(r"(?:^|:)\s*raise\b")
_CLIENTS = ("redis.", "aioredis.", "coredis.")
_AWAITS = ("await", "async-with", "async-for")


@register
class RedisCheckThenSet(Rule):
    """A coroutine that asks redis whether a marker key exists, does the guarded work, and
    only then writes the marker: the deduplication or "run once" guard is not atomic.

    What it finds:
        An awaited membership test on a redis key in an `if` (`EXISTS`, `SISMEMBER`,
        `HEXISTS`), followed (inside the branch, or after it when the branch returns, or later
        in the same loop iteration when the branch `continue`s) by
        other awaited work and then a write of the same key (`SET` without `nx=True`,
        `SETEX`, `SADD`, `HSET`); and a counter read with an awaited `GET` into a local that an
        exiting `if` tests (a usage limit), then raised with `INCR`/`INCRBY` on the same key (or overwritten
        with a `SET` of a value computed from that count: `set(key, int(used or 0) + 1)`), cited at
        the GET whose value is stale by the time the write lands.
        A counter read with `GET` and written back with a plain `SET` of a value computed from it
        in the branches of an `if` on that value (`set(key, int(current) + 1)`) is a lost update;
        so is one written back as arithmetic on the value read whatever follows
        (`failures = int(await r.get(key) or 0)`, `await r.set(key, failures + 1)`), cited at the GET,
        and one written in a single expression (`await r.set(key, int(await r.get(key) or 0) + 1)`).
        An owner read with GET, the caller turned away (`return False`) when another one holds the
        key (`if holder is not None and int(holder) != user_id:`), then the key overwritten with a
        plain SET of the identity compared (`set(key, user_id)`), is a claim too, cited at the test.
        A time slot or turn read with GET and compared with the caller's own value by a branch that
        then overwrites the key with a value computed from that operand and leaves
        (`if now >= next_at: await r.set(key, now + interval); return`) is a compare-then-set claim,
        cited at the GET.
        A value read with GET and returned when present (`if existing is not None: return ...`), else a
        call that changes another service (an HTTP POST/PUT/PATCH/DELETE, directly or in an awaited
        helper: a payment intent created) awaited before its result is stored under the key with a
        plain SET, is the same guard written after the work, cited at the GET.
        The work may also follow the write when the write stores a constant flag
        (`exists(key)`, then `set(key, "1")`, then the work): the test and the flag are still
        two round trips.
        Not reported: a `SET ... NX` claim (atomic), a cache read
        with `GET` filled from a read (two fills of a cache give the same value), a cache fill with no await
        between the test and the write, a lock held across both (also a try-lock the coroutine leaves
        without: `if not await lease.acquire(): return`, released after the write), or code no entry point reaches
        (uncalled methods of classes the app uses count: their callers lie outside the code).

    Why it matters:
        The test and the write are two commands with the guarded work between them. Two
        deliveries of one webhook (providers retry, and do send duplicates at the same
        moment) both find the key missing, both do the work (a payment applied twice, a
        payout status changed twice) and both set the key. With several workers or
        replicas no process-local lock can close that window.

    Example:
        if await self._redis.exists(seen_key):
            return
        await self._apply(event)
        await self._redis.set(seen_key, "1", ex=_SEEN_TTL)

    Instead:
        Claim the key atomically before the work, and release it if the work fails:

            if not await self._redis.set(seen_key, "1", nx=True, ex=_SEEN_TTL):
                return
            try:
                await self._apply(event)
            except Exception:
                await self._redis.delete(seen_key)
                raise
    """

    id = "RA319"
    name = "redis-check-then-set"
    category = "race-condition"
    severity = "MEDIUM"
    scope = "project"
    base_effort = 1.0

    def check(self, ctx: ProjectContext) -> Iterator[Finding]:
        examined = 0
        for fq, facts, func in serving_coroutines(ctx):
            findings, looked = self._in_coroutine(ctx, fq, facts.path, func)
            examined += looked
            yield from findings
        ctx.examine("redis membership tests in coroutines", examined)

    def _in_coroutine(self, ctx: ProjectContext, fq: str, path: str, func: FunctionFacts) -> tuple[list[Finding], int]:
        """The findings in one coroutine, and how many redis tests and read-modify-writes it has."""
        model = ctx.model
        edges = model.edges.get(fq, ())
        found: list[Finding] = []
        examined = 0
        text = lambda line: model.line_text(path, line)  # noqa: E731
        for block in func.extra.get("blocks", ()):
            test = _membership_test(edges, block, text)
            if test is not None:
                examined += 1
                found += self._membership_findings(ctx, fq, path, func, edges, block, test)
        guards = self._remote_write_guards(ctx, fq, path, func, edges)
        found += guards
        examined += len(guards)
        reported: set[int] = set()
        for finding in self._branch_findings(fq, path, func, edges, text, reported):
            examined += 1
            found.append(finding)
        for read, write, name in _plain_increments(func, edges, text, lambda e: _read_through(model, e)):
            if read.site.line not in reported:
                examined += 1
                document = _changed_in_place(func, name, read.site.line, write.site.line)
                found.append((self._document_finding if document else self._increment_finding)(fq, path, read, write))
        for read, write in _inline_increments(func, edges, text):
            if read.site.line not in reported:
                examined += 1
                reported.add(read.site.line)
                found.append(self._increment_finding(fq, path, read, write))
        return found, examined

    def _membership_findings(self, ctx: ProjectContext, fq: str, path: str, func: FunctionFacts, edges, block: dict,
                             test) -> list[Finding]:
        """The finding for a membership test (`if await r.exists(k)`) whose key is marked after it, if it is."""
        marked = _marked_later(func, edges, block, test)
        if marked is None:
            return []
        mark, awaits, before = marked
        return [self._finding(ctx, fq, path, test, mark, awaits, before=before)]

    def _branch_findings(self, fq: str, path: str, func: FunctionFacts, edges, text: Callable[[int], str],
                         reported: set[int]) -> Iterator[Finding]:
        """The findings of the tests on a value read earlier: a counter or claim checked then changed, a
        value updated on both branches, a claim inside a branch. One finding per read (its line kept in
        `reported`): the passes overlap, and the first one's wording is the more precise."""
        counter = partial(self._counter_finding, text=text)
        passes = ((tests_without_await(func), _counter_race, counter),
                  (_branching_tests(func), _lost_update, self._update_finding),
                  (_branching_tests(func), _claimed_in_branch, counter))
        for blocks, search, build in passes:
            for block in blocks:
                pair = search(func, edges, block, text)
                if pair is not None and pair[0].site.line not in reported:
                    reported.add(pair[0].site.line)
                    yield build(fq, path, block, *pair)

    def _remote_write_guards(self, ctx: ProjectContext, fq: str, path: str, func: FunctionFacts, edges
                             ) -> list[Finding]:
        """Findings for GETs that guard a remote write whose result is SET only afterwards."""
        writes = remote_writes(ctx)
        found = []
        for block in tests_without_await(func):
            guarded = _guarded_remote_write(func, edges, block, writes)
            if guarded is not None:
                read, mark, work = guarded
                found.append(self._finding(ctx, fq, path, read, mark, [work.site], guard="GET"))
        return found

    def _counter_finding(self, fq: str, path: str, block: dict, read: Edge, bump: Edge, slot: bool = False,
                         text: Callable[[int], str] = lambda line: "") -> Finding:
        key = _key_text(read.site)
        client = ".".join(read.site.func[:-1]) or "redis"
        limit = next((c for c in block.get("chains", ())), "limit")
        command, write = read.site.func[-1], bump.site.func[-1]
        if command in _SIZES:
            return self._size_finding(fq, path, block, read, bump, key, client)
        if slot:
            return self._ranked_finding(fq, path, block, read, bump, key, write.upper())
        if write in ("set", "hset") and write not in _COUNTS and not _computed(bump):
            ranked = re.search(r"[<>]", text(block["line"])) is not None  # `offer > int(best)`: a maximum kept
            return self._claim_finding(fq, path, block, read, bump, key, client, ranked)
        description = (
            f"`{short(fq)}` reads the counter `{key}` with GET at line {read.site.line}, checks it against "
            f"`{limit}` in the `if` at line {block['line']}, and only increments it with "
            f"{write.upper()} at line {bump.site.line}. Concurrent calls all read the same count "
            f"during the GET's await, all pass the check, and all increment: the limit is exceeded."
            + (" Writing back the count read plus one also loses the concurrent increments, so the counter "
               "falls behind and keeps the limit from ever being reached." if write not in _COUNTS
               else ""))
        recommendation = (
            "Increment first and check the value the atomic INCR returns, undoing it when over the limit:\n\n"
            f"    count = await {client}.incr({key})\n"
            f"    if count > {limit}:\n"
            f"        await {client}.decr({key})\n"
            "        raise ...")
        return self._at_read(path, block, read, bump, f"`{key}` incremented after the check",
                             f"Read-check-increment on redis counter `{key}` in `{short(fq)}`",
                             description, recommendation)

    def _at_check(self, path: str, block: dict, sites: tuple[Edge, Edge], notes: tuple[str, str], title: str,
                  description: str, recommendation: str) -> Finding:
        """A finding cited at the `if` between a read and a write of one key, both related."""
        related = [Location(path, edge.site.line, edge.site.end_line, note) for edge, note in zip(sites, notes)]
        return self.finding(Location(path, block["line"], block["line"]), title, description, related=related,
                            recommendation=recommendation)

    def _at_read(self, path: str, block: dict, read: Edge, write: Edge, note: str, title: str,
                 description: str, recommendation: str) -> Finding:
        """A counter or best value read into a local, tested and written back, cited at the read: the
        round trip whose value is stale by the time the write lands (the `if` and the write related).
        A read tested in the `if` itself stays cited there."""
        if read.site.line == block["line"]:
            return self._at_check(path, block, (read, write), ("read and tested here", note), title, description,
                                  recommendation)
        related = [Location(path, block["line"], block["line"], "checked here while other tasks change the value"),
                   Location(path, write.site.line, write.site.end_line, note)]
        return self.finding(Location(path, read.site.line, read.site.end_line), title, description,
                            related=related, recommendation=recommendation)

    def _update_finding(self, fq: str, path: str, block: dict, read: Edge, write: Edge) -> Finding:
        key = _key_text(read.site)
        client = ".".join(read.site.func[:-1]) or "redis"
        description = (
            f"`{short(fq)}` reads the counter `{key}` with GET at line {read.site.line}, branches on it at line "
            f"{block['line']} and writes back a value computed from it with a plain SET at line "
            f"{write.site.line}. Concurrent calls for the same key all read the same value during the GET's await "
            "and all write the same result: every increment but one is lost (and a missing key is initialised by "
            "each of them).")
        recommendation = (
            "Let redis do the read-modify-write atomically, and set the expiry only when the key is new:\n\n"
            f"    async with {client}.pipeline(transaction=True) as pipe:\n"
            f"        pipe.incr({key})\n"
            f"        pipe.expire({key}, <ttl>, nx=True)\n"
            "        await pipe.execute()")
        return self._at_check(path, block, (read, write),
                              (f"`{key}` read: other tasks run here",
                               f"`{key}` overwritten with the value read plus one"),
                              f"Read-modify-write of redis counter `{key}` in `{short(fq)}`",
                              description, recommendation)

    def _increment_finding(self, fq: str, path: str, read: Edge, write: Edge) -> Finding:
        direct = read.site.func[-1] in _READS
        key = _key_text(read.site if direct else write.site)
        client = ".".join((read.site if direct else write.site).func[:-1]) or "redis"
        how = "with GET" if direct else f"with a GET in `{read.site.name}(...)`"
        description = (
            f"`{short(fq)}` reads the counter `{key}` {how} at line {read.site.line} and writes back the value "
            f"read plus or minus a step with a plain {write.site.func[-1].upper()} at line {write.site.line}. "
            "Concurrent calls for the same key (other tasks during the GET's await, other workers or replicas) "
            "read the same value and write the same result: every update but one is lost, and whatever the "
            "count gates (a threshold, a limit) is reached late or never.")
        recommendation = (
            "Let redis do the read-modify-write atomically and use the value it returns:\n\n"
            f"    async with {client}.pipeline(transaction=True) as pipe:\n"
            f"        pipe.incr({key})\n"
            f"        pipe.expire({key}, <ttl>)\n"
            "        count, _ = await pipe.execute()")
        related = [Location(path, write.site.line, write.site.end_line, f"`{key}` overwritten with the value read "
                            "plus one")]
        return self.finding(Location(path, read.site.line, read.site.end_line),
                            f"Read-modify-write of redis counter `{key}` in `{short(fq)}`", description,
                            related=related, recommendation=recommendation)

    def _document_finding(self, fq: str, path: str, read: Edge, write: Edge) -> Finding:
        direct = read.site.func[-1] in _READS
        key = "key"
        client = ".".join(write.site.func[:-1]) or "redis"
        how = "with GET" if direct else f"with a GET in `{read.site.name}(...)`"
        description = (
            f"`{short(fq)}` reads a stored value {how} at line {read.site.line}, edits it in memory and writes "
            f"the whole value back with a plain {write.site.func[-1].upper()} at line {write.site.line}. Two "
            "concurrent calls for the same key (other tasks during the awaits, other workers or replicas) both "
            "start from the same value, and the later SET silently drops the other one's edit.")
        recommendation = (
            "Make the read-modify-write atomic: WATCH the key and write in a MULTI transaction that is retried "
            "on `WatchError`, or keep the parts in a hash and update them with HSET/HINCRBY:\n\n"
            f"    async with {client}.pipeline(transaction=True) as pipe:\n"
            f"        await pipe.watch({key})\n"
            f"        value = ...  # read and edit\n"
            "        pipe.multi()\n"
            f"        pipe.set({key}, ...)\n"
            "        await pipe.execute()")
        related = [Location(path, write.site.line, write.site.end_line,
                            "the whole value overwritten with the edited copy")]
        return self.finding(Location(path, read.site.line, read.site.end_line),
                            f"Read-modify-write of a redis value in `{short(fq)}` loses concurrent edits",
                            description, related=related, recommendation=recommendation)

    def _size_finding(self, fq: str, path: str, block: dict, read: Edge, bump: Edge, key: str,
                      client: str) -> Finding:
        command, write = read.site.func[-1].upper(), bump.site.func[-1].upper()
        description = (
            f"`{short(fq)}` reads the size of `{key}` with {command} at line {read.site.line}, checks it against a "
            f"limit in the `if` at line {block['line']}, and only grows it with {write} at line {bump.site.line}, "
            "with awaits in between. Concurrent calls for the same key all read the same size, all pass the "
            "check and all add: the limit is exceeded.")
        recommendation = (
            f"Add first and check the size {write} leaves, in one atomic step (a MULTI/EXEC pipeline or a Lua "
            "script), undoing the add when over the limit:\n\n"
            f"    async with {client}.pipeline(transaction=True) as pipe:\n"
            f"        pipe.{bump.site.func[-1]}({key}, ...)\n"
            f"        pipe.{read.site.func[-1]}({key})\n"
            "        _, size = await pipe.execute()\n"
            "    if size > <the limit>:\n"
            "        ...  # remove what was added, then refuse")
        return self._at_check(path, block, (read, bump),
                              (f"size of `{key}` read: other tasks run here",
                               f"`{key}` grown after the check"),
                              f"Size-check-then-add on redis key `{key}` across awaits in `{short(fq)}`",
                              description, recommendation)

    def _claim_finding(self, fq: str, path: str, block: dict, read: Edge, bump: Edge, key: str,
                       client: str, ranked: bool = False) -> Finding:
        write = bump.site.func[-1].upper()
        if ranked:
            return self._ranked_finding(fq, path, block, read, bump, key, write)
        description = (
            f"`{short(fq)}` reads the owner of `{key}` with {read.site.func[-1].upper()} at line {read.site.line}, "
            f"checks in the `if` at line {block['line']} that no other owner holds it, and then overwrites the key "
            f"with a plain {write} at line {bump.site.line}. Two requests for the same key both read it free "
            "during the read's await, both pass the check and both write: the later write silently takes over "
            "the claim the earlier one believes it holds.")
        recommendation = (
            "Claim the key atomically (SET NX), and only refresh it when it is already yours:\n\n"
            f"    if not await {client}.set({key}, <owner>, nx=True, ex=<ttl>):\n"
            f"        if await {client}.get({key}) != <owner>:\n"
            "            raise ...  # held by someone else\n"
            f"        await {client}.expire({key}, <ttl>)  # or a Lua compare-and-set")
        return self._at_check(path, block, (read, bump),
                              (f"owner of `{key}` read: other tasks run here",
                               f"`{key}` overwritten after the check"),
                              f"Check-then-set of the owner of redis key `{key}` in `{short(fq)}`",
                              description, recommendation)

    def _ranked_finding(self, fq: str, path: str, block: dict, read: Edge, bump: Edge, key: str,
                        write: str) -> Finding:
        """A best (largest or smallest) value kept by reading it, comparing and writing the new one."""
        description = (
            f"`{short(fq)}` reads `{key}` with {read.site.func[-1].upper()} at line {read.site.line}, compares it "
            f"with the new value in the `if` at line {block['line']}, and overwrites it with a plain {write} at "
            f"line {bump.site.line}. Two requests both read the old value during the read's await, both pass the "
            "comparison and both write: whichever writes last wins, even when its value is not the better one.")
        recommendation = (
            "Compare and write in one atomic step: a sorted set (`ZADD key GT member score`), a Lua script "
            "that compares and sets, or a WATCH/MULTI transaction retried on conflict.")
        return self._at_read(path, block, read, bump, f"`{key}` overwritten after the comparison",
                             f"Compare-then-set of redis key `{key}` in `{short(fq)}`", description, recommendation)

    def _finding(self, ctx: ProjectContext, fq: str, path: str, test: Edge, mark: Edge,
                 work: list[CallSite], before: bool = True, guard: str = "") -> Finding:
        key = _key_text(test.site)
        client = ".".join(test.site.func[:-1]) or "redis"
        check, write = test.site.func[-1].upper(), mark.site.func[-1].upper()
        if guard:
            check = f"{guard} (the stored result returned when present)"
        lines = sorted({s.line for s in work})
        points = (f"{len(lines)} await point{'s' if len(lines) > 1 else ''}, "
                  f"first `{work[0].name}(...)` at line {work[0].line}") if work[0].used_as in _AWAITS \
            else f"`{work[0].name}(...)` at line {work[0].line}"
        if before:
            description = (
                f"`{short(fq)}` tests `{key}` with {check} at line {test.site.line}, awaits other work "
                f"({points}) and only writes the key with {write} at line {mark.site.line}. Two concurrent calls "
                f"for the same key both find it missing and both do the work the key is meant to allow once.")
        else:
            description = (
                f"`{short(fq)}` tests `{key}` with {check} at line {test.site.line} and marks it with a separate "
                f"{write} at line {mark.site.line} before the guarded work ({points}). The test and the mark are "
                f"two round trips: two calls for the same key (two replicas, or two tasks while the {check} is "
                f"awaited) both find it missing, both set it and both do the work the key is meant to allow once.")
        related = [Location(path, work[0].line, work[0].line, "the guarded work: other tasks run here" if before
                            else "the guarded work, done by every caller that passed the test"),
                   Location(path, mark.site.line, mark.site.end_line, f"`{key}` written only after the work" if before
                            else f"`{key}` written by a separate command, not claimed atomically")]
        ttl = mark.site.kwargs.get("ex")
        ttl_text = f", ex={ttl['ref']}" if isinstance(ttl, dict) and "ref" in ttl else (
            f", ex={ttl}" if isinstance(ttl, (int, float)) else "")
        recommendation = (
            "Claim the key atomically before the work (SET NX), and release it if the work fails:\n\n"
            f"    if not await {client}.set({key}, \"1\", nx=True{ttl_text}):\n"
            "        return\n"
            "    try:\n"
            "        ...  # the guarded work\n"
            "    except Exception:\n"
            f"        await {client}.delete({key})\n"
            "        raise")
        return self.finding(Location(path, test.site.line, test.site.line),
                            f"Check-then-set on redis key `{key}` across awaits in `{short(fq)}`",
                            description, related=related, recommendation=recommendation)


def _marked_later(func: FunctionFacts, edges, block: dict, test: Edge) -> tuple[Edge, list[CallSite], bool] | None:
    """(the SET of the tested key in the guarded code, the awaits that run between the test and
    it, else those after a marker SET, whether they run before it), unless a lock covers both."""
    key = _key(test.site, func)
    end = _guarded_end(func, block)
    mark = next((e for e in edges if block["line"] < e.site.line <= end and _redis(e, _MARKS)
                 and _key(e.site, func) == key and not e.site.kwargs.get("nx")), None)
    if key is None or mark is None:
        return None
    work = [s for s in func.calls if s.used_as in _AWAITS and test.site.line < s.line < mark.site.line
            and not _in_exiting_branch(block, s.line)]
    after = [] if work or not _marker(mark.site) else _work_after(func, edges, mark.site.end_line, end)
    if (work or after) and not locked(func, test.site.line, mark.site.line):
        return mark, work or after, bool(work)
    return None


def _guarded_remote_write(func: FunctionFacts, edges, block: dict, writes: RemoteWrites
                          ) -> tuple[Edge, Edge, Edge] | None:
    """(the GET, the SET, the remote write) when a value read with GET is returned if present
    (`if existing is not None: return ...`), and otherwise a call that changes another service (a
    payment intent created) is awaited before the result is stored under the same key with a plain
    SET: an idempotency record written after the work, so two concurrent calls both do it. A cache
    filled from a read (an HTTP GET, a query) gives the same value twice and is left out."""
    for name in (n for n in block["names"] if n in block.get("present", ()) or n in block.get("absent", ())):
        line = func.call_line(name)
        read = next((e for e in edges if e.site.line == line and _redis(e, frozenset({"get"}))), None)
        key = _key(read.site, func) if read is not None and line < block["line"] else None
        mark = next((e for e in edges if e.site.line > block["end"] and _redis(e, frozenset({"set", "setex"}))
                     and _key(e.site, func) == key and not e.site.kwargs.get("nx")), None) if key else None
        work = next((e for e in edges if mark is not None and block["end"] < e.site.line < mark.site.line
                     and writes.made_by(e)), None)
        if work is not None and not locked(func, read.site.line, mark.site.line):
            return read, mark, work
    return None


def _work_after(func: FunctionFacts, edges, start: int, end: int) -> list[CallSite]:
    """What a constant marker written first guards: the awaits after it, else the calls into the
    project's own code (`self._sms.send(...)`, a sync client doing the request). The window is the
    test's own await: two tasks both find the key missing there and both go on to the work."""
    awaited = [s for s in func.calls if s.used_as in _AWAITS and start < s.line <= end]
    return awaited or [e.site for e in edges if e.target.kind == "function" and start < e.site.line <= end]


def _guarded_end(func, block: dict) -> int:
    """The last line the test guards: the function's end when the branch returns or raises,
    the enclosing loop's end when it `continue`s (the rest of the iteration), else the branch."""
    if block.get("exits"):
        return func.end_line
    if block.get("skips"):
        loops = [(start, info["end"]) for start, info in func.extra.get("loops", {}).items()
                 if info.get("kind") != "comp" and start < block["line"] <= info.get("end", start)]
        if loops:
            return max(loops)[1]
    return block["end"]


def _in_exiting_branch(block: dict, line: int) -> bool:
    """Inside a branch that returns or `continue`s: that path never reaches the write
    (`if await r.exists(k): return await r.get(k)`)."""
    return bool(block.get("exits") or block.get("skips")) and block["line"] < line <= block["end"]


def _marker(site: CallSite) -> bool:
    """The write stores a constant flag (`set(key, "1")`, `sadd(key, member)`), not a value computed
    for a cache: two fills of a cache are harmless, two passes of a marker are not."""
    command = site.func[-1]
    if command in ("sadd", "hset", "hmset"):
        return True
    index = 2 if command in ("setex", "psetex") else 1
    value = site.args[index] if len(site.args) > index else site.kwargs.get("value")
    return isinstance(value, (str, int, bool)) and not isinstance(value, dict)


def tests_without_await(func: FunctionFacts) -> list[dict]:
    """Exiting `if` tests that read a local (the value an earlier GET returned)."""
    return [b for b in func.extra.get("blocks", ()) if b.get("kind") == "if" and b.get("exits")
            and not b.get("awaits") and b.get("names")]


def _counter_race(func, edges, block: dict, text: Callable[[int], str]) -> tuple[Edge, Edge] | None:
    """(the read, the write) when the `if` tests a local bound to an awaited redis read of a key
    that is changed after the branch, with no lock held from the read to the write: a GET counter
    then INCR; a size (`SCARD`, `LLEN`) ordered against a limit then the collection grown
    (`SADD`, `RPUSH`); a GET owner compared by a branch that raises (`if owner is not None and
    owner != session_id: raise`) then the key overwritten with a plain SET (a claim)."""
    for tested in block["names"]:
        read, name = _tested_read(func, edges, tested, block["line"], text)
        if read is None or _key(read.site) is None:
            continue
        race = _race_on_read(func, edges, block, read, (name, tested), text)
        if race is not None:
            return race
    return None


def _race_on_read(func, edges, block: dict, read: Edge, read_as: tuple[str, str], text: Callable[[int], str]
                  ) -> tuple | None:
    """(the read, the write[, True for a slot]) for the redis read the `if` tests under `read_as`
    (the local it was read into, the name the test reads): a write of the same key after the branch
    (or a slot taken inside it) that no lock held from the read covers."""
    name = read_as[0]
    key = _key(read.site, func)
    later = [e for e in edges if e.site.line > block["end"] and _key(e.site, func) == key]
    if read.site.func[-1] in _SIZES:
        bump = _grown_past_size(later, block, name, text)
    else:
        bump = _written_after_get(func, edges, later, read, block, read_as, key, text)
        slot = None if bump is not None else _slot_taken(func, edges, read.site, block, read_as, text)
        if slot is not None and not locked(func, read.site.line, slot.site.line):
            return read, slot, True
    if bump is not None and not locked(func, read.site.line, bump.site.line):
        return read, bump
    return None


def _grown_past_size(later: list[Edge], block: dict, name: str, text: Callable[[int], str]) -> Edge | None:
    """The command growing the collection after a size read, when the test orders that size against
    a limit (`current + len(ids) > limit`): a size only printed or compared for equality guards nothing."""
    if not compared_columns(text(block["line"]), name):
        return None
    return next((e for e in later if _redis(e, _GROWS)), None)


def _written_after_get(func, edges, later: list[Edge], read: Edge, block: dict, read_as: tuple[str, str],
                       key, text: Callable[[int], str]) -> Edge | None:
    """The write that acts on a GET the test read: the counter stepped (INCR of the same field, or a
    SET of the value read, converted, written back: `sent = int(raw or 0)` ... `sent + 1`), or the key
    claimed by a plain SET (after a branch that raises, inside the branch, or over the owner read)."""
    name, tested = read_as
    return next((e for e in later if _redis(e, _COUNTS) and _same_field(read.site, e.site)
                 or _set_from(func, e, name, text) or _set_from(func, e, tested, text)), None) \
        or (_claim(later, read.site, block, name, text) if _raises(block, text) else None) \
        or _claim_in_branch(edges, read.site, block, name, key, text) \
        or _owner_overwritten(later, read.site, block, name, text)


def _slot_taken(func, edges, read: CallSite, block: dict, read_as: tuple[str, str], text: Callable[[int], str]
                ) -> Edge | None:
    """`next_at = float(await r.get(key) or 0)`, `if now >= next_at: await r.set(key, now + interval);
    return`: the branch taken when the value read allows it overwrites the key, with a plain SET,
    with a value computed from another operand of the comparison (the caller's clock, its bid):
    a time slot or turn claimed by compare-then-set. Two callers both read the old value, both
    pass and both write: both take the slot. The write must be the branch's own (the branch then
    leaves), and the stored value must not be the value read stepped (that is a counter)."""
    line = text(block["line"])
    if read.func[-1] != "get" or not block.get("exits") or not any(_compares(line, n) for n in read_as):
        return None
    operands = [n for n in block["names"] if n not in read_as and _compares(line, n)
                and _bound_before(func, n, read.line)]
    for edge in edges:
        site = edge.site
        if block["line"] < site.line <= block["end"] and site.func[-1] == "set" and _redis(edge, _MARKS) \
                and not site.kwargs.get("nx") and not site.kwargs.get("xx") \
                and repr(site.args[:1]) == repr(read.args[:1]) and _computed(edge) \
                and any(_stepped(site, n, text) for n in operands):
            return edge
    return None


def _bound_before(func, name: str, line: int) -> bool:
    """`name` is a local bound by a call before `line` (`now = time.time()`) or a parameter: a value
    of the caller's, not one derived from the redis read."""
    bound = func.local_types.get(name)
    if isinstance(bound, dict) and "call" in bound:
        return bound.get("line", line) < line
    return name not in func.local_types and any(p.name == name for p in func.params)


def _tested_read(func, edges, tested: str, before: int, text: Callable[[int], str]) -> tuple[Edge | None, str]:
    """(the awaited redis read whose value an `if` on line `before` tests under `tested`, the local
    it was read into): bound to the read itself, or to a value computed from it just before the
    test (`used = int(await r.get(key) or 0)`, then `granted = min(n, limit - used)`)."""
    bound = func.local_types.get(tested)
    if isinstance(bound, dict) and "call" in bound:
        read = _read_at(edges, bound, before)
        if read is not None:
            return read, tested
    bound, name = _converted_read(func, tested, before, text)
    return (_read_at(edges, bound, before) if bound is not None else None), name


def _read_at(edges, bound: dict, before: int) -> Edge | None:
    """The awaited redis GET or size command on the line a local is bound at, before line `before`."""
    return next((e for e in edges if e.site.line == bound.get("line") and e.site.line < before
                 and _redis(e, _READS | _SIZES)), None)


def _branching_tests(func: FunctionFacts) -> list[dict]:
    """`if` tests without an await that neither return nor raise, on a local (the value an
    earlier GET returned): both branches go on, typically to write the key."""
    return [b for b in func.extra.get("blocks", ()) if b.get("kind") == "if" and not b.get("exits")
            and not b.get("skips") and not b.get("awaits") and b.get("names")]


def _lost_update(func, edges, block: dict, text: Callable[[int], str]) -> tuple[Edge, Edge] | None:
    """(the GET, the SET) when the `if` tests a local bound to an awaited GET of a key and its
    branches (body or else) overwrite that key with a value computed from the local
    (`set(key, int(current) + 1)`): a hand-made increment that loses concurrent ones."""
    end = block.get("else_end") or block["end"]
    for name in block["names"]:
        line = func.call_line(name)
        if not line:
            continue
        read = next((e for e in edges if e.site.line == line and e.site.line < block["line"]
                     and e.site.func and e.site.func[-1] == "get" and _redis(e, _READS)), None)
        if read is None or _key(read.site) is None:
            continue
        key = _key(read.site, func)
        write = next((e for e in edges if block["line"] < e.site.line <= end and _key(e.site, func) == key
                      and _set_from(func, e, name, text)), None)
        if write is not None and not locked(func, read.site.line, write.site.line):
            return read, write
    return None


def _plain_increments(func, edges, text: Callable[[int], str],
                      through: Callable[[Edge], str | None] = lambda e: None) -> list[tuple[Edge, Edge, str]]:
    """(the GET, the SET, the local read into) when a local bound to an awaited GET of a key (directly or through a
    conversion, `int(await r.get(key) or 0)`) is written back to that key as arithmetic on it
    (`set(key, failures + 1)`), whatever the code branches on: a hand-made INCR, which loses
    concurrent updates. Values merely derived from the read (a cache refill) are not counted."""
    found = []
    for name, bound in func.local_types.items():
        if not isinstance(bound, dict) or "call" not in bound:
            continue
        read, key = _counter_read(func, edges, bound, through)
        if read is None or key is None:
            continue
        write = next((e for e in edges if e.site.line > read.site.line and _key(e.site, func) == key
                      and _written_back(func, read.site, e, name, text)), None)
        if write is not None and not locked(func, read.site.line, write.site.line):
            found.append((read, write, name))
    return found


def _inline_increments(func, edges, text: Callable[[int], str]) -> list[tuple[Edge, Edge]]:
    """(the GET, the SET) when a SET's value is the awaited GET of the same key stepped, written in one
    expression (`set(key, int(await r.get(key) or 0) + 1)`): the same hand-made INCR as a GET into a
    local written back, with the other tasks' updates lost during the GET's await."""
    found = []
    for write in edges:
        if not _redis(write, _INLINE_SETS) or not _computed(write):
            continue
        site, key = write.site, _key(write.site, func)
        read = _read_inside(func, edges, write, key)
        if read is not None and key is not None and _steps_read(site, text) and not locked(func, site.line, site.line):
            found.append((read, write))
    return found


def _read_inside(func, edges, write: Edge, key) -> Edge | None:
    """The awaited redis GET of the key `write` writes, made within the write's own arguments: the
    read whose value the write stores back (a GET elsewhere in the function is another step)."""
    return next((e for e in edges if e is not write and e.site.func and e.site.func[-1] == "get"
                 and _redis(e, _READS) and _inside(e.site, write.site) and _key(e.site, func) == key), None)


def _inside(inner: CallSite, outer: CallSite) -> bool:
    """The call is written inside the other call's parentheses (an argument of it)."""
    start, end = (inner.line, inner.col), (outer.line, outer.col)
    return start > end and inner.end_line <= outer.end_line


def _steps_read(site: CallSite, text: Callable[[int], str]) -> bool:
    """The value after the key adds to or subtracts from the awaited read (`int(await ...) + 1`,
    `1 + await ...`)."""
    source = " ".join(text(line) for line in range(site.line, site.end_line + 1))
    rest = source.partition(f".{site.func[-1]}(")[2].partition(",")[2]
    return re.search(r"\)\s*[-+]\s*[\w(]|[\w)]\s*[-+]\s*(?:\w+\()?await\b", rest) is not None


def _counter_read(func, edges, bound: dict, through: Callable[[Edge], str | None]) -> tuple[Edge | None, str | None]:
    """(the read, its key) behind a local's binding: a redis GET/HGET on its line, else
    (`current = await self.balance(rider_id)`) a call of a helper doing the GET."""
    read = next((e for e in edges if e.site.line == bound.get("line") and e.site.func
                 and e.site.func[-1] in ("get", "hget") and _redis(e, _READS)), None)
    if read is not None:
        return read, _key(read.site, func)
    read = next((e for e in edges if e.site.line == bound.get("line") and through(e)), None)
    return (read, through(read)) if read is not None else (None, None)


def _read_through(model, edge: Edge) -> str | None:
    """The key of the one redis GET in a project coroutine the edge awaits (`balance(rider_id)`
    returning `int(await self.redis.get(self._key(rider_id)) or 0)`), in the caller's terms: only
    when the caller passes the helper's parameters under the same names, and the helper writes nothing."""
    callee = model.callee_function(edge.target) if edge.site.awaited and edge.site.func else ""
    if not callee:
        return None
    _, helper = model.functions[callee]
    inner = model.edges.get(callee, ())
    gets = [e for e in inner if _redis(e, _READS) and e.site.func[-1] == "get"]
    if len(gets) != 1 or any(_redis(e, _MARKS | _COUNTS) for e in inner) or edge.site.kwargs:
        return None
    params = [p.name for p in helper.params if p.name not in ("self", "cls")]
    passed = [a.get("ref") if isinstance(a, dict) else None for a in edge.site.args]
    return _key(gets[0].site, helper) if passed == params[:len(passed)] else None


def _written_back(func, read: CallSite, edge: Edge, name: str, text: Callable[[int], str]) -> bool:
    """The write stores the value read stepped (`failures + 1`), directly or through a local
    computed from it (`spent = max(current - amount, 0)`): SET for a GET, HSET of the same
    field for an HGET (`hset(key, field, max(current - 1, 0))`)."""
    if read.func[-1] != "hget":  # a GET, or a helper doing one
        return _set_from(func, edge, name, text) and (
            _stepped(edge.site, name, text) or _changed_in_place(func, name, read.line, edge.site.line)) or any(
            _set_from(func, edge, local, text)
            for local in locals_assigned_from(read.line, edge.site.line, arithmetic_on(name), text)) \
            or any(_set_from(func, edge, local, text) and _stepped(edge.site, local, text)
                   for local in _converted_locals(func, name, read.line, edge.site.line, text))
    site = edge.site
    if site.func[-1] != "hset" or not _redis(edge, _MARKS) or _field(read) != _field(site):
        return False
    names = (name, *locals_assigned_from(read.line, site.line, arithmetic_on(name), text))
    return any(_stepped(site, word, text, skip=2) or word != name and _stepped(site, word, text, skip=2, bare=True)
               for word in names)


def _changed_in_place(func, name: str, start: int, end: int) -> bool:
    """The document read into `name` is edited between the read and the write (`cart["total"] = t`,
    `cart["lines"].append(line)`): a read-modify-write of the whole value, which a concurrent edit
    of the same key loses when this SET lands after it."""
    return any(st["target"] == name and st["item"] and start < st["line"] < end
               for st in func.extra.get("stores", ())) or any(
        s.func and s.func[0] == name and len(s.func) > 1 and s.func[-1] in MUTATORS and start < s.line < end
        for s in func.calls)


def _field(site: CallSite) -> str:
    """The HGET/HSET field in comparable form, whatever line it is built on (`str(room_type_id)`)."""
    value = site.args[1] if len(site.args) > 1 else site.kwargs.get("key")
    return re.sub(r"'line': \d+", "", repr(value))


_CONVERSIONS = frozenset({"int", "float", "Decimal", "decimal.Decimal"})


def _converted_locals(func, name: str, start: int, end: int, text: Callable[[int], str]) -> list[str]:
    """Locals bound between the read and the write to a number parsed from `name`
    (`remaining = int(cached)`, `spent = Decimal(raw or 0)`): the same value under another name."""
    return [local for local, bound in func.local_types.items()
            if isinstance(bound, dict) and bound.get("call") in _CONVERSIONS and start < bound.get("line", 0) < end
            and re.search(rf"\(\s*{re.escape(name)}\b", text(bound["line"]))]


def _stepped(site: CallSite, name: str, text: Callable[[int], str], skip: int = 1, bare: bool = False) -> bool:
    """The value written (after `skip` arguments: the key, and the field of an HSET) is `name`
    plus or minus something (`failures + 1`, `1 + count`), or with `bare` names it at all."""
    source = " ".join(text(line) for line in range(site.line, site.end_line + 1))
    rest = source.partition(f".{site.func[-1]}(")[2]
    for _ in range(skip):
        rest = rest.partition(",")[2]
    pattern = rf"\b{re.escape(name)}\b" if bare else arithmetic_on(name)
    return re.search(pattern, rest) is not None



def _converted_read(func, name: str, before: int, text: Callable[[int], str]) -> tuple[dict | None, str]:
    """`spent = Decimal(raw.decode()) if raw else Decimal(0)` (or `int(raw or 0)`) between an awaited
    `raw = await redis.get(key)` and the `if`: the test reads the counter through a conversion.
    Returns the read's binding and the local it was read into (None when `name` is not such a
    conversion). The binding line is not recorded for expressions, so the few lines between the
    read and the test are read."""
    kind = func.local_types.get(name, False)
    if kind is False or kind is not None and not (isinstance(kind, dict) and "call" in kind):
        return None, name
    assign = re.compile(rf"^\s*{re.escape(name)}\s*(?::[^=]+)?=(?!=)(.*)$")
    for source, bound in func.local_types.items():
        line = bound.get("line", 0) if isinstance(bound, dict) and "call" in bound else 0
        if source == name or not line or not 0 < before - line <= 4:
            continue
        for at in range(line + 1, before):
            found = assign.match(text(at))
            if found and re.search(rf"\b{re.escape(source)}\b", found.group(1)):
                return bound, source
    return None, name


def _membership_test(edges: Sequence[Edge], block: dict, text: Callable[[int], str]) -> Edge | None:
    """The redis call an awaiting `if` tests: EXISTS/SISMEMBER-style checks, or a GET tested for presence."""
    if block.get("kind") != "if" or not block.get("awaits"):
        return None
    return next((e for e in edges if e.site.line == block["line"] and (_redis(e, _CHECKS)
                                                                     or _presence_get(e, block, text))), None)


def _presence_get(edge: Edge, block: dict, text: Callable[[int], str]) -> bool:
    """`if await redis.get(key): raise Conflict(...)`: a GET whose value is only tested for presence
    by a branch that refuses, an EXISTS in all but name (a cache hit hands the value back instead)."""
    return _redis(edge, _READS) and edge.site.func[-1] == "get" and _raises(block, text) and \
        re.match(r"\s*(?:el)?if\s+await\s+[\w.]+\.get\((?:[^()]|\([^()]*\))*\)\s*:", text(block["line"])) is not None


def _raises(block: dict, text: Callable[[int], str]) -> bool:
    """The branch refuses (raises): a conflict check, not a cache hit returning the value read."""
    return any(_RAISE.search(text(line)) for line in range(block["line"], block["end"] + 1))


def _claim(later: list[Edge], read: CallSite, block: dict, name: str, text: Callable[[int], str]) -> Edge | None:
    """A plain SET (or HSET of the same field) of the key after a check that compares the value
    read (`owner != session_id`, `owner is not None`): an owner taken by another request between
    the GET and the SET is overwritten; so is a state tested against the states that allow the
    change (`if status not in (None, "idle"): raise`). A check of absence only (`if owner is None:
    raise`) is a read of an existing record, not a claim."""
    if not re.search(rf"\b{re.escape(name)}\b\s*(?:!=|==|is\s+not\b|(?:not\s+)?in\s*[(\[{{])"
                     rf"|(?:!=|==)\s*{re.escape(name)}\b",
                     text(block["line"])):
        return None
    command = "hset" if read.func[-1] == "hget" else "set"
    return next((e for e in later if e.site.func[-1] == command and _redis(e, _MARKS) and not e.site.kwargs.get("nx")
                 and (command == "set" or repr(read.args[1:2]) == repr(e.site.args[1:2]))), None)


def _owner_overwritten(later: list[Edge], read: CallSite, block: dict, name: str,
                       text: Callable[[int], str]) -> Edge | None:
    """`if holder is not None and int(holder) != user_id: return False`, then `set(key, user_id)`:
    a test that turns the caller away (returning rather than raising) while another owner holds
    the key, then a plain SET of the very identity it compared (HGET/HSET of one field). Two
    callers both read the key free and both write: each believes it holds it. A cache hit returned
    (`if cached is not None: return cached`) compares the value with nothing it then stores."""
    line = text(block["line"])
    if read.func[-1] not in ("get", "hget") or not _compares(line, name):
        return None
    command = "hset" if read.func[-1] == "hget" else "set"
    for edge in later:
        site = edge.site
        if site.func[-1] == command and _redis(edge, _MARKS) and not site.kwargs.get("nx") \
                and _writes_compared(read, site, line) not in (None, name):
            return edge
    return None


def _writes_compared(read: CallSite, site: CallSite, line: str) -> str | None:
    """The plain name the write stores (in the field the read read) when the test on `line`
    compares it (`!= user_id` ... `set(key, user_id)`), else None."""
    value = _written_value(read, site)
    owner = value.get("ref") if isinstance(value, dict) else None
    return owner if isinstance(owner, str) and "." not in owner and _compares(line, owner) else None


def _claim_in_branch(edges, read: CallSite, block: dict, name: str, key: str | None,
                     text: Callable[[int], str]) -> Edge | None:
    """`if current is None or int(current) == agent_id: await redis.set(key, agent_id)`: the branch
    taken when the key is free or already ours claims it with a plain SET of the identity the test
    compared; `if best is None or offer > int(best): await redis.hset(key, "best", offer)` raises a
    maximum the same way (HGET/HSET of one field, or a `mapping=` naming it). Two callers both read
    the old value and both write: each believes its claim (or its larger value) stands. A cache fill
    (`if cached is None: await redis.set(key, computed)`) stores a value the test does not compare,
    and is left out."""
    line = text(block["line"])
    if read.func[-1] not in ("get", "hget") or name not in block.get("absent", ()) and not _compares(line, name):
        return None
    command = "hset" if read.func[-1] == "hget" else "set"
    for edge in edges:
        site = edge.site
        if not block["line"] < site.line <= block["end"] or site.func[-1] != command or not _redis(edge, _MARKS) \
                or site.kwargs.get("nx") or _key(site) is None or repr(site.args[:1]) != repr(read.args[:1]) \
                and key != _key(site):
            continue
        if _writes_compared(read, site, line) is not None:
            return edge
    return None


def _claimed_in_branch(func, edges, block: dict, text: Callable[[int], str]) -> tuple[Edge, Edge] | None:
    """(the read, the write) when an `if` that goes on either way (`if record is None or int(record) >
    lap: await redis.set(key, lap)`) compares a value read from redis and its branch overwrites it."""
    for name in block["names"]:
        line = func.call_line(name)
        read = next((e for e in edges if e.site.line == line and line < block["line"] and _redis(e, _READS)), None)
        write = _claim_in_branch(edges, read.site, block, name, _key(read.site, func), text) if read else None
        if write is not None and not locked(func, read.site.line, write.site.line):
            return read, write
    return None


def _compares(line: str, name: str) -> bool:
    """The test compares `name` (`== agent_id`, `offer > int(best)`)."""
    word, operator = rf"\b{re.escape(name)}\b", r"(?:==|!=|[<>]=?)"
    return re.search(rf"{operator}\s*(?:\w+\()?{word}|{word}\s*\)?\s*{operator}", line) is not None


def _written_value(read: CallSite, site: CallSite) -> object:
    """The value a SET writes, or the one an HSET writes to the field the HGET read (positionally,
    `hset(key, field, value)`, or in a literal `mapping={field: value}`)."""
    if site.func[-1] == "set":
        return site.args[1] if len(site.args) > 1 else site.kwargs.get("value")
    field = read.args[1] if len(read.args) > 1 else None
    if len(site.args) > 2 and repr(site.args[1]) == repr(field):
        return site.args[2]
    mapping = site.kwargs.get("mapping")
    items = mapping.get("items", ()) if isinstance(mapping, dict) else ()
    return next((v for k, v in items if repr(k) == repr(field)), None)


def _set_from(func, edge: Edge, name: str, text: Callable[[int], str]) -> bool:
    """`await redis.set(key, int(used or 0) + 1)` or `set(key, used + 1)`: a plain SET of the key
    whose new value is computed from the count read before (a hand-made increment), not an
    atomic claim. Arithmetic has no recorded value, so the value's source text is read."""
    site = edge.site
    if site.func[-1] not in ("set", "setex", "psetex") or not _redis(edge, _MARKS) or site.kwargs.get("nx"):
        return False
    values = [*site.args[1:], *(v for k, v in site.kwargs.items() if k == "value")]
    values += [v for s in func.calls if s is not site and site.line <= s.line <= site.end_line
               for v in (*s.args, *s.kwargs.values())]
    return any(_mentions(v, name) for v in values) or _computed_from(site, name, text)


def _computed_from(site: CallSite, name: str, text: Callable[[int], str]) -> bool:
    """The value argument is an expression with no recorded value (`used + 1`) or a call
    (`max(int(left) - 1, 0)`) whose source, after the key, names `name`."""
    command = site.func[-1]
    index = 1 if command == "set" else 2  # setex / psetex(name, time, value)
    if len(site.args) <= index:
        return False
    value = site.args[index]
    if value is not None and not (isinstance(value, dict) and "call" in value):  # `max(int(left) - 1, 0)`
        return False
    source = " ".join(text(line) for line in range(site.line, site.end_line + 1))
    _, _, call = source.partition(f".{command}(")
    _, comma, rest = call.partition(",")
    return bool(comma) and re.search(rf"\b{re.escape(name)}\b", rest) is not None


def _computed(edge: Edge) -> bool:
    """The SET stores an expression with no recorded value (`int(used or 0) + 1`): a hand-made increment."""
    site = edge.site
    index = 1 if site.func[-1] == "set" else 2
    return len(site.args) > index and site.args[index] is None


def _mentions(value: object, name: str) -> bool:
    if isinstance(value, dict):
        return value.get("ref") == name or any(_mentions(v, name) for v in value.values())
    if isinstance(value, (list, tuple)):
        return any(_mentions(v, name) for v in value)
    return False


def _same_field(read: CallSite, bump: CallSite) -> bool:
    """HGET/HINCRBY must name the same field; GET/INCR have none."""
    if (read.func[-1] == "hget") != (bump.func[-1] == "hincrby"):
        return False
    return read.func[-1] != "hget" or repr(read.args[1:2]) == repr(bump.args[1:2])


def _redis(edge: Edge, commands: frozenset[str]) -> bool:
    """A command of an async redis client: resolved to the library, or called on an attribute
    named after redis (`self._redis.exists`) when the client's type is not known."""
    func = edge.site.func
    if not func or func[-1] not in commands or edge.site.used_as not in _AWAITS and not edge.site.awaited:
        return False
    if edge.target.kind == "external":
        return edge.target.name.startswith(_CLIENTS)
    return edge.target.kind == "unresolved" and len(func) >= 2 and "redis" in func[-2].lower()


def _key(site: CallSite, func: FunctionFacts | None = None) -> str | None:
    """The key argument in comparable form (None when there is none). A key built by a call
    (`session_seats_key(session_id)`) is compared by the helper and the arguments it is given
    there (found among the function's call sites on that line), not by the line it is on."""
    value = site.args[0] if site.args else site.kwargs.get("name")
    if func is not None and isinstance(value, dict) and "call" in value:
        inner = bound_site(func, value)
        if inner is not None:
            return repr((value["call"], inner.args, sorted(inner.kwargs.items(), key=lambda kv: kv[0])))
    return None if value is None else repr(value)
