"""RA504 worker-coordination: a periodic job started by every web process, with no lock or leader."""
from __future__ import annotations

from dataclasses import replace
from typing import Iterator

from ...facts.types import CallSite
from ...facts.values import value_refs
from ...findings import Finding, Location
from ...knowledge import clients as lib
from ...knowledge.queries import round_trip
from ...knowledge.queues import ATOMIC_TAKES, GROUP_READS
from ...model.app import EntryPoint
from ...model.constants import CONFIG_ROOT
from ...model.coredml import constructed_statements, executed_statements
from ...model.program_kind import single_process
from ...model.resilience import analysis, by_function
from ...model.resilience import blocks as blk
from ...model.resilience.calls import REMOTE_KINDS
from ...model.overrides import overrides_of, protocol_classes
from ...model.passed import function_ref
from ...model.project import Edge, ProjectModel
from ...model.app import is_test_path
from ...model.resilience.runtime import forward, short, startup_functions
from ...model.resilience.triggers import injected_calls
from ..api import ProjectContext, Rule, register
from ._locks import claims_by_insert, claims_rows, constant_statements, leader_guarded, lock_lines

_WRITE_SQL = ("insert", "update", "delete", "merge", "upsert")
_REDIS_WRITES = frozenset({"set", "setex", "setnx", "hset", "hmset", "hsetnx", "incr", "incrby", "decr", "delete",
                           "expire", "lpush", "rpush", "sadd", "zadd", "xadd", "publish", "mset", "getdel"})
_SENDING_METHODS = frozenset({"post", "patch"})
_ORM_WRITES = frozenset({"commit", "add", "add_all", "merge", "bulk_save_objects", "bulk_insert_mappings"})
_MAX_RELATED = 6
_TAKES = frozenset({"pop", "popleft", "popitem", "get_nowait"})
_SLEEPS = frozenset({"asyncio.sleep", "anyio.sleep", "trio.sleep"})


@register
class WorkerInEveryReplica(Rule):
    """A periodic background job started in the web process's startup, with no coordination.

    What it finds:
        Loops (`while`, or `for cycle in itertools.count()`) started from the lifespan or a
        startup hook that run on a timer (they sleep between
        rounds) and change shared state - SQL INSERT/UPDATE/DELETE, ORM commits, Redis writes,
        or POST/PATCH requests sending what they read from the database (usage reports, exports)
        - when nothing they reach takes a distributed lock or elects a leader (Redis locks,
        Postgres advisory locks, even when the lock statement is too short to read as SQL,
        `FOR UPDATE SKIP LOCKED` claims, also kept in a module constant run as
        `await db.fetch(CLAIM_SQL, 100)`, and as SQLAlchemy's `with_for_update(skip_locked=True)`). Jobs
        started through a restarting wrapper
        (`create_task(supervise("name", job.run))`) are judged by the job they run.
        Jobs of an in-process APScheduler scheduler whose `start()` runs in the startup code are
        periodic by their trigger and judged the same way (`max_instances=1` only holds within
        one process); the finding cites the `start()` call. A scheduler or task started only after
        the starting function (or each of its callers) won a distributed lock on an earlier line
        (`pg_try_advisory_lock`, `SET NX`) runs in the elected process alone and is not reported.
        When the job object starts its own task (`def start(self): self._task =
        create_task(self._loop())`), the finding cites the app's `scheduler.start()` call.
        A short helper that pauses (`await sleep_or_stop(stop, interval)`, a `wait_for` on an
        event with a timeout) is the loop's sleep; a statement kept in a module constant
        (`await conn.execute(DECAY_SQL)`) is a write of the function running it; a lease helper
        whose calls only claim (`if await lease.ensure():` over a `SET NX` key) covers its caller.
        Jobs handed to the project's own scheduler (`scheduler.every(60, poller.poll)`,
        `add_job(...)`: a method that only keeps the callable for a class whose loop pauses)
        in startup code are judged each at its registration line (a job handed over as a
        lambda, `board.register("x", lambda: purge(db))`, or as a method of a fresh instance,
        `Poller(db).run`, too; a registered loop that does not pause between rounds is a
        consumer); one that turns on the
        scheduler's own lock (`exclusive=True`) is coordinated, and one that drains a buffer of
        its own object (`self._pending.pop()`) is per-process by design. Jobs started only
        where a configuration test holds (`if settings.run_scheduler:`) are RA506's subject,
        unless the switch is on by default (`run_workers: bool = True`): then every replica runs them.
        Loops that only consume what this process produced (an in-process queue) or fan out a
        shared stream to local connections are per-process by design and not reported. A worker
        process's own program (`asyncio.run(main())`, or a main handed to a runner
        helper that calls `asyncio.run`) counts as replicated when other jobs it
        starts take a distributed lock; a sweep such a program (or a queue consumer every process
        starts) awaits once before its loop, picking rows and changing them with no claim (`await
        runner.requeue_interrupted()`), repeats at every start of every copy. A job a worker
        program picks from its registry by name (`JOBS[args.job](ctx)` under `python -m
        app.workers reminders`) runs in every copy of that deployment, unless the program wins a
        distributed lock before it looks the job up; such a job reading a Redis stream with plain
        XREAD (no consumer group) and writing what it reads repeats each entry's work in every copy
        (cited at the read, also when its loop pauses between batches), while a Redis marker set to a constant (`set(done_key, "1")` after
        locked work) is no duplicated work. A base class's loop
        calling a hook only subclasses fill in (`await self.run_once()` over `raise
        NotImplementedError`) runs each subclass's job, judged on its own, and a job writing out a
        buffer this process gathered (`batch = dict(_seen); _seen.clear()`) is per-process by design.
        A job is cited inside, where each process duplicates the
        work: the read picking the batch it then changes, else its round's one work call, else
        its definition (the start line is kept beside it); a job a loop helper runs whose body hands
        the work to one awaited call is cited at that call. A consumer polling a table that pauses
        only when a round finds nothing (`if not rows: await asyncio.sleep(5); continue`) runs in as
        many copies as the load needs: it is cited at its query's SELECT, where the claim (`FOR
        UPDATE SKIP LOCKED`) belongs. An insert claim coordinates only a caller that branches on
        whether it won: one that drops or never tests the outcome (`donation_id, _ = await
        repo.insert_pending(...)`, then charging anyway) repeats its work in every process.

    Why it matters:
        Every worker process and every replica starts its own copy: with 4 Gunicorn workers on 3
        pods the job runs 12 times per interval. Polls multiply the load on the source, the same
        rows are updated or deleted concurrently (lock waits, deadlocks, double-processing) and
        notifications can go out more than once. Scaling the web tier scales the job with it.

    Example:
        @asynccontextmanager
        async def lifespan(app):
            asyncio.create_task(cleanup.run())  # every process runs the cleanup

    Instead:
        Run scheduled jobs once: in a separate worker deployment with one replica, or take a
        lock per round so only one process works (and others skip):

            async with redis.lock("order-cleanup", timeout=55, blocking=False) as got:
                if got:
                    await self.expire_stale_orders()
    """

    id = "RA504"
    name = "worker-in-every-replica"
    category = "worker-coordination"
    severity = "MEDIUM"
    scope = "project"
    base_effort = 4.0

    def check(self, ctx: ProjectContext) -> Iterator[Finding]:
        model = ctx.model
        if single_process(model):
            return  # one process on the user's machine: no other replica runs the job
        workers = [e for e in model.app.of_kind("worker") if e.details.get("at_startup")
                   or _replicated_process(model, e)]
        ctx.examine("workers started at startup", len(workers))
        for entry in workers:
            loop = entry.details.get("loop") or {}
            if is_test_path(entry.path) or config_gate(model, entry) is not None:
                continue  # only the configured nodes start it: RA506 judges that
            if (site := startup_site(model, entry)) and leader_guarded(model, site[0], site[2]):
                continue  # started by the process that won a lock: leader election
            if _periodic(model, loop):
                yield from self._worker_findings(model, entry, loop)
            else:  # queue consumers and stream fan-outs serve their own process, unless they write
                yield from self._subscriber_findings(model, entry)
        yield from self._scheduled_jobs(model)
        yield from self._in_process_jobs(model)
        yield from self._startup_sweeps(model, workers)

    def _startup_sweeps(self, model: ProjectModel, workers: list[EntryPoint]) -> Iterator[Finding]:
        """A one-off sweep every copy runs as it starts: awaited by the main of a worker process run
        in copies, or by a queue consumer every process starts before its loop (`await
        self.requeue_interrupted()`), picking rows and changing them with no claim. Each start of
        each replica repeats it, on rows other live replicas are working on."""
        mains = {e.details.get("started_in", "") for e in model.app.of_kind("worker")}
        starts = {main: 0 for main in mains if _runs_in_copies(model, main)}
        starts.update({e.function: (e.details.get("loop") or {}).get("line", 0) for e in workers
                       if e.details.get("at_startup") and not _periodic(model, e.details.get("loop") or {})})
        for fq, before in sorted(starts.items()):
            for callee, site in _awaited_before(model, fq, before):
                picked = _batch_read(model, callee)
                writes = uncoordinated_writes(model, forward(model, [callee])) if picked else []
                if writes:
                    yield self._sweep_finding(model, fq, site, callee, picked, writes)

    def _sweep_finding(self, model: ProjectModel, fq: str, site, callee: str, picked: Location,
                       writes: list[tuple[str, int, str]]) -> Finding:
        path = model.functions[fq][0].path
        description = (
            f"`{short(fq)}` runs `{short(callee)}` once as it starts (line {site.line}), in every copy of the "
            "process: it selects rows and changes them with no lock or claim, so each replica's start (and "
            "each restart) repeats the sweep, also on rows another live replica is working on.")
        related = [Location(path, site.line, site.end_line, "run at every start")]
        related += [Location(p, ln, ln, what) for p, ln, what in writes[:_MAX_RELATED]]
        return self.finding(Location(picked.path, picked.start_line, picked.end_line),
                            f"{short(callee)} runs at every start of every replica", description, related=related,
                            recommendation="Claim the rows as you pick them (`FOR UPDATE SKIP LOCKED`, or an "
                            "`UPDATE ... WHERE status = 'running' AND heartbeat < now() - interval RETURNING id`), "
                            "or run the sweep under a lock one replica holds.")

    def _worker_findings(self, model: ProjectModel, entry: EntryPoint, loop: dict) -> Iterator[Finding]:
        """The worker's finding when its rounds write with no lock, or one per job when it is a
        generic runner handed its jobs through a protocol."""
        jobs = dispatched_jobs(model, loop.get("function") or entry.function)
        if jobs:  # a generic runner: each job it is handed is judged on its own
            yield from self._dispatched(model, entry, loop, jobs)
            return
        # a job handed to a loop helper (`every(60, job)`) is not called by the loop's code
        if _drains_own_buffer(model, entry.function):
            return  # it flushes what this process gathered
        if _stream_read(model, loop.get("function") or entry.function) is not None:
            # a loop reading a stream with plain XREAD repeats each entry in every copy, whatever it
            # also pauses on (`await asyncio.sleep(0)` after each batch): judged as the stream reader
            streamed = list(self._subscriber_findings(model, entry))
            if streamed:
                yield from streamed
                return
        reach = forward(model, sorted({loop.get("function") or entry.function, entry.function}))
        writes = _repeated_writes(model, reach)
        if not entry.details.get("at_startup"):  # a replicated worker process: its requests may be RPC reads
            writes = [w for w in writes if not w[2].startswith("HTTP")]
        if writes and not _only_markers(model, reach, writes):
            yield self._finding(model, entry, loop, writes)

    def _subscriber_findings(self, model: ProjectModel, entry: EntryPoint) -> Iterator[Finding]:
        """A worker listening on a fixed pub/sub channel (SUBSCRIBE/PSUBSCRIBE deliver every message to every
        subscriber) whose handling of a message changes shared state with no lock: each process that
        runs the worker makes the same change for the same message. Cited at the subscription."""
        for fq in sorted(forward(model, [entry.function])):
            site = _broadcast_subscription(model, fq)
            stream = _stream_read(model, fq) if site is None else None
            writes = _repeated_writes(model, forward(model, [fq])) if (site or stream) is not None else []
            if writes and site is not None:
                yield self._subscriber_finding(model, entry, fq, site, writes)
                return
            if writes and stream is not None:
                yield self._stream_finding(model, entry, fq, stream, writes)
                return

    def _stream_finding(self, model: ProjectModel, entry: EntryPoint, fq: str, site,
                        writes: list[tuple[str, int, str]]) -> Finding:
        path, start, kinds, related = _repeated_work(model, entry, fq, writes, "started here, in every copy")
        description = (
            f"`{short(fq)}` reads a Redis stream with plain XREAD (line {site.line}) in a worker started at "
            f"{start[0]}:{start[1]}, which every copy of the process runs. XREAD hands every entry to every "
            f"reader, so each copy handles each entry and changes shared state ({', '.join(kinds)}) once per "
            "copy, with no lock or claim; a cursor kept in memory also skips what arrives while a copy restarts.")
        return self.finding(Location(path, site.line, site.end_line),
                            f"{short(fq)} handles every stream entry in every copy", description, related=related,
                            recommendation="Read with a consumer group (XREADGROUP, then XACK) so the broker hands "
                            "each entry to one consumer, and keep the position in the group, not in memory.")

    def _subscriber_finding(self, model: ProjectModel, entry: EntryPoint, fq: str, site,
                            writes: list[tuple[str, int, str]]) -> Finding:
        path, start, kinds, related = _repeated_work(model, entry, fq, writes, "started here, in every process")
        description = (
            f"`{short(fq)}` subscribes to a pub/sub channel (line {site.line}) in a worker started at "
            f"{start[0]}:{start[1]} in every process. Pub/sub delivers each message to every subscriber, so "
            f"each process handles every message, and the handling changes shared state ({', '.join(kinds)}) "
            "with no lock: the same change is made once per process (duplicate rows, offers or emails).")
        recommendation = (
            "Hand each message to one consumer: a Redis stream read with a consumer group (XREADGROUP), a "
            "list popped with BLPOP, or a task queue; or claim each message (`SET NX` on its id) before "
            "acting on it. Keep pub/sub for what every process must see (local sockets, local caches).")
        return self.finding(Location(path, site.line, site.end_line),
                            f"{short(fq)} handles every pub/sub message in every process", description,
                            related=related, recommendation=recommendation)

    def _dispatched(self, model: ProjectModel, entry: EntryPoint, loop: dict, jobs: list[str]) -> Iterator[Finding]:
        """One finding per job a generic runner runs through a protocol that writes with no lock: the
        runner's loop is each job's cadence, and a lock taken by one job covers no other. Cited at
        the job's first call reaching the writes (where a lock per round would go)."""
        for job in jobs:
            writes = _repeated_writes(model, forward(model, [job]))
            if not writes:
                continue
            facts, func = model.functions[job]
            found = self._finding(model, replace(entry, function=job, path=facts.path, line=func.line), loop, writes)
            work = _first_work(model, job) if (found.location.path, found.location.start_line) == \
                (facts.path, func.line) else None
            if work is not None:  # the job's own call starting the work, not its definition
                found.location = work
            yield found

    def _in_process_jobs(self, model: ProjectModel) -> Iterator[Finding]:
        """Jobs handed to the project's own scheduler (`scheduler.every(60, poller.poll)`) in startup
        code: one finding per registration whose job writes with no lock; a registration that turns on
        the scheduler's own locking (`exclusive=True`, when the scheduler takes a lock) is coordinated."""
        for entry in model.app.of_kind("job"):
            details = entry.details
            if details.get("framework") != "in-process" or not details.get("at_startup") or is_test_path(entry.path):
                continue
            if details.get("flags") and _locks_somewhere(model, details["scheduler"]) or \
                    _drains_own_buffer(model, entry.function):
                continue
            if details.get("loop") and not _periodic(model, details["loop"]) and _keeps_running(model, entry):
                continue  # a registered consumer loop (a supervisor's job) serves its own process
            reach = forward(model, [entry.function])
            writes = _repeated_writes(model, reach)
            if writes:
                yield self._registered_finding(model, entry, writes)

    def _registered_finding(self, model: ProjectModel, entry: EntryPoint,
                            writes: list[tuple[str, int, str]]) -> Finding:
        path, line = entry.started_at or (entry.path, entry.line)
        scheduler = short(entry.details["scheduler"])
        kinds = sorted({what.split(":")[0] for _p, _l, what in writes})
        description = (
            f"`{short(entry.function)}` is registered at {path}:{line} with `{scheduler}`, an in-process scheduler "
            "the application starts at startup, so each worker process of each replica fires it on every "
            f"trigger. It changes shared state ({', '.join(kinds)}; {len(writes)} "
            f"place{'s' if len(writes) != 1 else ''}) and nothing it calls takes a distributed lock or elects "
            "a leader: with N processes every run happens N times."
        )
        related = [Location(path, line, line, f"registered with `{scheduler}` in every process")]
        related += [Location(p, ln, ln, what) for p, ln, what in writes[:_MAX_RELATED]]
        cited, sites = _cited_in_job(model, entry)
        key = short(entry.function).replace(".", ":").lower()
        recommendation = (
            "Run the scheduler in one dedicated process (a worker deployment with one replica), or make the job "
            "take a lock that expires before its next run:\n\n"
            f"    async with redis_client.lock(\"{key}\", timeout=<interval - margin>, blocking=False) as got:\n"
            "        if got:\n"
            "            ...  # the job's work"
        )
        return self.finding(cited, f"{short(entry.function)} runs in every process with no coordination",
                            description, related=related + sites, recommendation=recommendation)

    def _scheduled_jobs(self, model: ProjectModel) -> Iterator[Finding]:
        """APScheduler jobs run by a scheduler the startup code starts: one finding per `start()`."""
        jobs = [e for e in model.app.of_kind("job") if e.details.get("framework") == "apscheduler"
                and e.details.get("at_startup") and not is_test_path(e.path)]
        starts = _scheduler_starts(model) if jobs else []
        if not starts:
            return
        uncoordinated = []
        for entry in jobs:
            reach = forward(model, [entry.function])
            writes = uncoordinated_writes(model, reach)
            if writes:
                uncoordinated.append((entry, writes))
        if uncoordinated:
            yield self._scheduler_finding(starts[0], uncoordinated)

    def _scheduler_finding(self, start: tuple[str, int, str],
                           jobs: list[tuple[EntryPoint, list[tuple[str, int, str]]]]) -> Finding:
        path, line, starter = start
        names = [short(entry.function) for entry, _w in jobs]
        kinds = sorted({what.split(":")[0] for _e, writes in jobs for _p, _l, what in writes})
        description = (
            f"`{starter}` starts an in-process APScheduler scheduler at {path}:{line}, so each worker process of "
            f"each replica runs its own scheduler and fires {', '.join(f'`{n}`' for n in names[:4])} on every "
            f"trigger ({len(jobs)} job{'s' if len(jobs) != 1 else ''}). The jobs change shared state "
            f"({', '.join(kinds)}) and nothing they call takes a distributed lock; `max_instances=1` and "
            "`coalesce` only apply within one scheduler, so with N processes every run happens N times."
        )
        related = [Location(entry.path, entry.line, entry.line, f"job {short(entry.function)}")
                   for entry, _w in jobs[:_MAX_RELATED // 2]]
        related += [Location(p, ln, ln, what) for _e, writes in jobs[:2] for p, ln, what in writes[:2]]
        key = names[0].replace(".", ":").lower()
        recommendation = (
            "Start the scheduler in one dedicated process (a worker deployment with one replica), not in the web "
            "app's lifespan, or make each job take a lock first:\n\n"
            f"    async with redis_client.lock(\"{key}\", timeout=<run time + margin>, blocking=False) as got:\n"
            "        if got:\n"
            f"            await {names[0].rsplit('.', 1)[-1]}(...)"
        )
        return self.finding(Location(path, line, line),
                            f"APScheduler jobs ({', '.join(names[:3])}) run in every process", description,
                            related=related, recommendation=recommendation)

    def _finding(self, model: ProjectModel, entry: EntryPoint, loop: dict,
                 writes: list[tuple[str, int, str]]) -> Finding:
        start = entry.started_at or (entry.path, entry.line)
        call = _startup_call(model, entry)
        spawned_at = [] if call is None or call == start else \
            [Location(start[0], start[1], start[1], "the task is created here")]
        start = call or start
        kinds = sorted({what.split(":")[0] for _p, _l, what in writes})
        description = (
            f"`{short(entry.function)}` is started at {start[0]}:{start[1]} while the application starts, so each "
            f"worker process of each replica runs its own copy, one round after each `sleep({loop.get('sleep')})`. "
            "It changes "
            f"shared state ({', '.join(kinds)}; {len(writes)} place{'s' if len(writes) != 1 else ''}) and nothing "
            "it calls takes a distributed lock or elects a leader: the rounds of all processes overlap."
        )
        related = [Location(start[0], start[1], start[1], "started here, in every process")] + spawned_at
        if entry.details.get("built_at"):  # a job object built with the function it keeps calling
            path, line = entry.details["built_at"]
            related.append(Location(path, line, line, "the job is built here with its function"))
        related += [Location(path, line, line, what) for path, line, what in writes[:_MAX_RELATED]]
        related.append(Location(loop.get("path", entry.path), loop.get("line", entry.line),
                                loop.get("line", entry.line), "the loop each process runs"))
        cited, sites = _cited_in_job(model, entry)
        related += sites
        only_deletes = all(what.startswith("SQL DELETE") for _p, _l, what in writes)
        key = short(entry.function).replace(".", ":").lower()
        recommendation = (
            "Run the job once per deployment: move it to a dedicated worker process with a single replica, or "
            "let one process win each round with a lock that expires before the next round:\n\n"
            f"    async with redis_client.lock(\"{key}\", timeout=<interval - margin>, blocking=False) as got:\n"
            "        if got:\n"
            "            ...  # the round's work\n\n"
            "(or `SELECT pg_try_advisory_lock(...)` on the database the job already uses)."
        )
        return self.finding(
            cited, f"{short(entry.function)} runs in every process with no coordination", description, related=related,
            severity="LOW" if only_deletes else self.severity, recommendation=recommendation,
        )


def _cited_in_job(model: ProjectModel, entry: EntryPoint) -> tuple[Location, list[Location]]:
    """(cited line, the job's other sites). Cited inside the job, where every process duplicates the
    work. A claim that selects rows and then marks them taken with no row lock (`SELECT ... WHERE
    status = 'pending'`, then `UPDATE ... SET status = 'running'`) is cited at its SELECT: every
    process picks the same rows there before any marks them. Else the read that picks the batch the
    job then changes or sends (`due = await repo.due(now)` followed by `for r in due: ...
    mark_sent(r)`, handed on: `await send_all(due)`, or mapped: `gather(*(charge(p) for p in due))`),
    at the query itself when the job is a consumer pausing only on an empty batch; else the round's
    one work call, else the job itself."""
    sites = _job_sites(model, entry)
    picked = _unlocked_claim(model, entry) or _picked_batch(model, entry)
    if picked is not None and (query := _polled_query(model, entry, picked)) is not None:
        sites, picked = [picked, *sites], query
    if picked is not None:
        return picked, [s for s in sites if (s.path, s.start_line) != (picked.path, picked.start_line)]
    rounds = [s for s in sites if s.note == _ROUND_WORK]
    chosen = rounds[0] if len(rounds) == 1 else sites[0]
    return Location(chosen.path, chosen.start_line, chosen.end_line), [s for s in sites if s is not chosen]


_BATCH_DEPTH = 2  # the loop's function, its round, the per-item step of the round


def _run_at(model: ProjectModel, fq: str, use: dict, note: str) -> Location:
    """Where a statement runs: its own line, or for one kept in a module constant (`_CLAIM_SQL`) the
    line of `fq` executing it (`await pg.fetch(_CLAIM_SQL, n)`), as the writes are cited."""
    facts, func = model.functions[fq]
    line = (use.get("executed_by") or {}).get("line")
    inside = use["path"] == facts.path and func.line <= use["line"] <= func.end_line
    if line and not inside:  # the text sits in a constant elsewhere: cite the line running it
        return Location(facts.path, line, line, note)
    return Location(use["path"], use["line"], use["line"], note)


def _polled_query(model: ProjectModel, entry: EntryPoint, picked: Location) -> Location | None:
    """The one SELECT of the read a table-polling consumer picks its batch with, when the consumer
    pauses only after a round finds nothing (`rows = await outbox.pending()`, then `if not rows:
    await asyncio.sleep(5); continue`). Such a consumer is meant to run in as many copies as the
    load needs, so the fix is a claim in that query (`FOR UPDATE SKIP LOCKED`), not a lock around
    the round: the finding sits on the query, the worker's read is kept beside it."""
    loop = entry.details.get("loop") or {}
    fq, pause = loop.get("function", ""), loop.get("sleep_line", 0)
    if fq not in model.functions or not pause:
        return None
    facts, func = model.functions[fq]
    if facts.path != picked.path:
        return None
    names = func.names_bound_on(picked.start_line)
    if not any(blk.inside(b, pause) and b["line"] > picked.start_line and names & set(b.get("absent") or ())
               for b in blk.blocks(func, "if")):
        return None  # it pauses every round: a timed job, coordinated by a lock around the round
    callee = next((c for c, site in _awaited_sites(model, fq) if site.line == picked.start_line), "")
    if not callee or not _only_reads(model, callee):
        return None
    note = "each copy selects the same rows: the query claims none"
    callee_path = model.functions[callee][0].path
    found = [_run_at(model, callee, use, note) for use in _sql_by_function(model).get(callee, ())
             if use.get("operation") == "select"]
    found += [Location(callee_path, line, line, note) for line, verbs in _statement_verbs(model, callee).items()
              if verbs == {"select"}]
    return found[0] if len({(loc.path, loc.start_line) for loc in found}) == 1 else None


def _unlocked_claim(model: ProjectModel, entry: EntryPoint) -> Location | None:
    """The SELECT of a project function the job awaits (up to `_BATCH_DEPTH` calls down) that then
    UPDATEs the same table with no `FOR UPDATE SKIP LOCKED` or advisory lock: a claim that is no claim."""
    loop_function = (entry.details.get("loop") or {}).get("function")
    level = sorted({fq for fq in (entry.function, loop_function) if fq in model.functions})
    seen = set(level)
    for _depth in range(_BATCH_DEPTH + 1):
        for fq in level:
            found = _select_then_update(model, fq)
            if found is not None:
                return found
        level = sorted({c for fq in level for c in _awaited_callees(model, fq) if c not in seen})
        seen.update(level)
    return None


def _select_then_update(model: ProjectModel, fq: str) -> Location | None:
    """The first SELECT of `fq` whose table a later UPDATE of `fq` changes, when nothing in `fq`
    locks or claims rows."""
    uses = _sql_by_function(model).get(fq, ())
    if not uses or claims_rows(model, fq) or lock_lines(model, fq):
        return None
    for use in uses:
        tables = set(use.get("tables") or ())
        if use.get("operation") == "select" and tables and any(
                other.get("operation") == "update" and other["line"] > use["line"]
                and tables & set(other.get("tables") or ()) for other in uses):
            return _run_at(model, fq, use, "each process selects the same rows to claim")
    return None


def _picked_batch(model: ProjectModel, entry: EntryPoint) -> Location | None:
    """The innermost read, in the job's own module, whose rows a `for` loop then walks doing shared
    writes: the batch every process selects alike. Reads in services the job calls stay theirs."""
    loop_function = (entry.details.get("loop") or {}).get("function")
    level = sorted({fq for fq in (entry.function, loop_function) if fq in model.functions})
    modules = {model.functions[fq][0].module for fq in level}  # a loop helper's (`every(60, job)`) too
    seen, found = set(level), None
    for _depth in range(_BATCH_DEPTH + 1):
        for fq in level:
            found = _batch_read(model, fq) or found
        level = sorted({c for fq in level for c in _awaited_callees(model, fq)
                        if c not in seen and model.functions[c][0].module in modules})
        seen.update(level)
    return found


def _batch_read(model: ProjectModel, fq: str) -> Location | None:
    """`rows = await repo.pending()` in `fq`, walked by a `for` whose body reaches a shared write, or
    handed to a later call that does (`await send_all(rows)`, `await repo.mark_sent([r.id for r in rows])`)."""
    facts, func = model.functions[fq]
    loops = [(line, info) for line, info in func.extra.get("loops", {}).items() if info.get("kind") == "for"
             and isinstance(info.get("iter"), dict) and "ref" in info["iter"]]
    selects = {use["line"] for use in _sql_by_function(model).get(fq, ()) if use.get("operation") == "select"}
    selects |= {line for line, built in executed_statements(model, fq).items() if set(built) == {"select"}}
    for edge in model.edges.get(fq, ()):
        if not edge.site.awaited or not _reads_rows(model, edge, selects):
            continue
        names = {name for name, _v in func.bound_on(edge.site.line)}
        if any(info["iter"]["ref"] in names and line > edge.site.line and (
                _writes_between(model, fq, line, info["end"]) or _changed_then_saved(model, fq, line, info["end"]))
               for line, info in loops) or _handed_to_writer(model, fq, edge.site.line, names) \
                or _mapped_to_writer(model, fq, edge.site.line, names):
            return Location(facts.path, edge.site.line, edge.site.end_line, "each process selects the same rows")
    return None


def _changed_then_saved(model: ProjectModel, fq: str, start: int, end: int) -> bool:
    """The loop on lines start..end changes each row through a project call that does more than read
    (`await repo.mark_sent(r.id)` setting ORM attributes) and `fq` writes them out after the loop
    (`await session.commit()`): the loop's changes are the writes."""
    changes = any(start <= e.site.line <= end and e.site.awaited and (c := model.callee_function(e.target))
                  in model.functions and not _only_reads(model, c) for e in model.edges.get(fq, ()))
    return changes and any(end < w[1] for w in shared_writes(model, {fq}))


def _handed_to_writer(model: ProjectModel, fq: str, after: int, names: set[str]) -> bool:
    """A later awaited call of `fq` hands the rows (`names`, also inside a comprehension over them)
    to a project function that does more than read (`await send_all(rows)`, `await
    repo.mark_sent([r.id for r in rows])`), and `fq` changes shared state after the read."""
    handed = any(edge.site.line > after and edge.site.awaited and (callee := model.callee_function(edge.target))
                 in model.functions and not _only_reads(model, callee)
                 and any(_mentions(arg, names) for arg in (*edge.site.args, *edge.site.kwargs.values()))
                 for edge in model.edges.get(fq, ()))
    return bool(names) and handed and _writes_between(model, fq, after + 1, model.functions[fq][1].end_line)


def _mapped_to_writer(model: ProjectModel, fq: str, after: int, names: set[str]) -> bool:
    """A later call of `fq` made once per row in a comprehension over the rows (`await
    asyncio.gather(*(charge(p) for p in due))`) to a project function reaching a shared write."""
    return bool(names) and any(
        edge.site.line > after and edge.site.loop_iter.split(".", 1)[0] in names
        and (callee := model.callee_function(edge.target)) in model.functions
        and shared_writes(model, forward(model, [callee])) for edge in model.edges.get(fq, ()))


def _mentions(value: object, names: set[str]) -> bool:
    """The argument value refers to one of `names` (`rows`, `rows.items`, `[r.id for r in rows]`)."""
    return any(ref.split(".", 1)[0] in names for ref in value_refs(value))


def _reads_rows(model: ProjectModel, edge: Edge, selects: set[int]) -> bool:
    """The call only reads: a project function whose SQL selects, or a library call on one of
    `selects`, the caller's SELECT lines (`rows = await conn.fetch("SELECT ...")`)."""
    callee = model.callee_function(edge.target)
    return callee in model.functions and _only_reads(model, callee) or \
        edge.target.kind == "external" and edge.site.line in selects


def _writes_between(model: ProjectModel, fq: str, start: int, end: int) -> bool:
    """A call on lines start..end of `fq` reaches a write of shared state."""
    callees = sorted({c for e in model.edges.get(fq, ()) if start <= e.site.line <= end
                      and (c := model.callee_function(e.target)) in model.functions})
    own = [w for w in shared_writes(model, {fq}) if start <= w[1] <= end]
    return bool(own) or any(shared_writes(model, forward(model, [c])) for c in callees)


_ROUND_WORK = "each round's work starts here"


def _job_sites(model: ProjectModel, entry: EntryPoint) -> list[Location]:
    """Where the job's work is: its round's work when it loops itself, else its definition (a loop
    helper or scheduler runs it: `every(60, job)`), and the reads a round starts from."""
    loop = entry.details.get("loop") or {}
    out = [Location(entry.path, entry.line, entry.line, f"the job `{short(entry.function)}`")]
    if loop.get("function") == entry.function:
        out += _round_work(model, loop)
    elif loop:
        out += _job_work(model, entry.function)
    return out + _unclaimed_reads(model, entry.function)


def _job_work(model: ProjectModel, fq: str) -> list[Location]:
    """A job a loop helper runs (`every(60, job)`, a scheduler's `_every(job)`) is one round: when
    its body hands the work to one awaited project call, which reaches shared writes (`await
    PlagiarismService(session).poll_pending()`), that call is where the round's work starts."""
    if fq not in model.functions:
        return []
    work = _awaited_sites(model, fq)
    if len({site.line for _c, site in work}) != 1 or not shared_writes(model, forward(model, [work[0][0]])):
        return []  # a job doing several steps itself is its own round's work
    facts, site = model.functions[fq][0], work[0][1]
    return [Location(facts.path, site.line, site.end_line, _ROUND_WORK)]


def _awaited_callees(model: ProjectModel, fq: str) -> set[str]:
    """The project functions `fq` awaits."""
    return {c for c, _site in _awaited_sites(model, fq)}


def _awaited_sites(model: ProjectModel, fq: str) -> list[tuple[str, CallSite]]:
    """(callee, call site) of each project function `fq` awaits."""
    return [(c, e.site) for e in model.edges.get(fq, ()) if e.site.awaited
            and (c := model.callee_function(e.target)) in model.functions]


def _unclaimed_reads(model: ProjectModel, fq: str) -> list[Location]:
    """The awaited calls, in the job or a project function it awaits, whose SQL only reads
    (`bills = await repo.not_emailed()`): the batch every process selects alike, with no claim."""
    scopes = [fq] + sorted(_awaited_callees(model, fq) - {fq})
    out = []
    for scope in scopes:
        for edge in model.edges.get(scope, ()):
            callee = model.callee_function(edge.target)
            if edge.site.awaited and callee in model.functions and _only_reads(model, callee):
                path = model.functions[scope][0].path
                out.append(Location(path, edge.site.line, edge.site.line, "each process selects the same rows"))
    return out[:2]


def _only_reads(model: ProjectModel, fq: str) -> bool:
    """`fq` queries the database itself and changes nothing shared (a repository's select)."""
    uses = _sql_by_function(model).get(fq, ())
    if uses:
        return all(use.get("operation") == "select" for use in uses)
    built = set().union(*_statement_verbs(model, fq).values())
    return built == {"select"} and _queries_database(model, {fq}) and not shared_writes(model, {fq})


def _round_work(model: ProjectModel, loop: dict) -> list[Location]:
    """The awaited project calls inside the loop (`await self.run_once(today)`): where each round's
    work starts, the place a lock per round would go."""
    fq = loop.get("function", "")
    if fq not in model.functions:
        return []
    facts, func = model.functions[fq]
    block = next((b for b in blk.blocks(func, "loop") if b["line"] == loop.get("line")), None)
    if block is None:
        return []
    calls = [e for e in model.edges.get(fq, ()) if e.site.awaited and blk.inside(block, e.site.line)
             and e.site.line not in (block["line"], loop.get("sleep_line")) and model.callee_function(e.target)]
    # of several calls, the work is in those changing shared state (not a log of what was skipped)
    writing = [e for e in calls if shared_writes(model, forward(model, [model.callee_function(e.target)]))]
    return [Location(facts.path, e.site.line, e.site.end_line, _ROUND_WORK)
            for e in (writing if len(calls) > 1 and writing else calls)][:2]


_RUNS = frozenset({"asyncio.run", "anyio.run", "trio.run", "uvloop.run"})


_SUBSCRIBES = frozenset({"subscribe", "psubscribe"})
_RECEIVES = frozenset({"listen", "get_message"})


def _broadcast_subscription(model: ProjectModel, fq: str):
    """The awaited `pubsub.subscribe(...)`/`psubscribe(...)` of a function that also reads the
    channel's messages (`listen()`, `get_message()`), or None."""
    calls = model.functions[fq][1].calls
    if not any(site.func and site.func[-1] in _RECEIVES for site in calls):
        return None
    return next((site for site in calls if site.awaited and site.func and len(site.func) >= 2
                 and site.func[-1] in _SUBSCRIBES and site.args and all(map(_fixed_channel, site.args))), None)


def _repeated_work(model: ProjectModel, entry: EntryPoint, fq: str, writes: list[tuple[str, int, str]],
                   started: str) -> tuple[str, tuple[str, int], list[str], list[Location]]:
    """(path of `fq`, where the worker starts, kinds of shared state written, related locations: the
    start, then the writes) of a worker whose every copy handles every message it receives."""
    start = entry.started_at or (entry.path, entry.line)
    related = [Location(start[0], start[1], start[1], started)]
    related += [Location(p, ln, ln, what) for p, ln, what in writes[:_MAX_RELATED]]
    return model.functions[fq][0].path, start, sorted({what.split(":")[0] for _p, _l, what in writes}), related


def _stream_read(model: ProjectModel, fq: str) -> CallSite | None:
    """The awaited plain `xread(...)` of a function (not a consumer group's read), or None."""
    return next((site for site in model.functions[fq][1].calls if site.awaited and site.func
                 and len(site.func) >= 2 and site.func[-1] == "xread"), None)


def _fixed_channel(value: object) -> bool:
    """A channel or pattern every process names alike (`"seats:*"`, `ALERTS_CHANNEL`); one built at
    run time (`f"commands:{self._replica_id}"`) may be this process's own inbox."""
    return isinstance(value, str) or isinstance(value, dict) and str(value.get("ref", "")).isupper()


def _repeated_writes(model: ProjectModel, reach: set[str]) -> list[tuple[str, int, str]]:
    """The writes every process repeats: `uncoordinated_writes`, none when a consumer group shares the work."""
    return [] if _group_consumer(model, reach) else uncoordinated_writes(model, reach)


def _group_consumer(model: ProjectModel, reach: set[str]) -> bool:
    """The job takes its work from a Redis stream consumer group (`xreadgroup`) or pops it off a
    Redis list (`lpop(queue, 10)`, `brpop`): the server hands each item to one consumer, so the
    processes share the work instead of repeating it."""
    return any(edge.target.kind == "external" and edge.site.func and edge.site.func[-1] in _SHARED_TAKES
               for fq in reach for edge in model.edges.get(fq, ()))


_SHARED_TAKES = GROUP_READS | ATOMIC_TAKES


def _replicated_process(model: ProjectModel, entry: EntryPoint) -> bool:
    """The job is started by a worker process's main (`asyncio.run(main())`) that also starts jobs
    taking a distributed lock: the project runs that process in several copies, so a sibling job
    with no lock runs in each of them."""
    if entry.details.get("program"):
        return _program_in_copies(model, entry)
    started_in = entry.details.get("started_in", "")
    if not _process_main(model, started_in):
        return False
    siblings = [e for e in model.app.of_kind("worker") if e.details.get("started_in") == started_in
                and e.function != entry.function]
    return any(lock_lines(model, fq) for e in siblings for fq in forward(model, [e.function]))


def _program_in_copies(model: ProjectModel, entry: EntryPoint) -> bool:
    """A job a worker program picks from its registry by name (`python -m app.workers reminders`): a
    deployment of that program is scaled like any worker, so each copy runs the job, unless the
    program runs it only after winning a distributed lock (leader election before the lookup)."""
    scope, line = entry.details.get("lookup") or ("", 0)
    return scope not in model.functions or not leader_guarded(model, scope, line)


def _runs_in_copies(model: ProjectModel, main: str) -> bool:
    """`main` is a worker process's program starting a job that takes a distributed lock: the
    project runs that process in several copies."""
    return _process_main(model, main) and any(
        lock_lines(model, fq) for e in model.app.of_kind("worker") if e.details.get("started_in") == main
        for fq in forward(model, [e.function]))


def _process_main(model: ProjectModel, fq: str) -> bool:
    """`fq` is what a module runs as its program: `asyncio.run(main())` at module level, or the
    callable the module's main hands to a project runner starting the event loop."""
    module = fq.rsplit(".", 1)[0] if fq in model.functions else ""
    edges = model.module_edges.get(module, ())
    runs = {e.site.line for e in edges if e.target.name in _RUNS}
    return any(e.site.line in runs and model.callee_function(e.target) == fq for e in edges) or \
        _run_by_runner(model, fq, module)


def _run_by_runner(model: ProjectModel, fq: str, module: str) -> bool:
    """`fq` is handed, by name or in a lambda (`run_until_signalled(lambda stop: _main(kind, stop))`),
    to a project function that runs an event loop (`asyncio.run(...)`), from module level or from a
    function the module calls at module level (`if __name__ == "__main__": main()`)."""
    top = model.module_edges.get(module, ())
    scopes = [top] + [model.edges.get(c, ()) for c in {model.callee_function(e.target) for e in top}
                      if c and c.rsplit(".", 1)[0] == module]
    for edges in scopes:
        for edge in edges:
            runner = model.callee_function(edge.target)
            if runner and any(e.target.name in _RUNS for e in model.edges.get(runner, ())) and \
                    any(_hands(model, edges, edge, value, fq) for value in (*edge.site.args, *edge.site.kwargs.values())):
                return True
    return False


def _hands(model: ProjectModel, edges, edge: Edge, value: object, fq: str) -> bool:
    """The argument `value` of the call `edge` stands for `fq`: a lambda calling it (a call on the
    lambda's line right of it) or a plain reference naming it."""
    if isinstance(value, dict) and "lambda" in value:
        return any(other is not edge and other.site.line == value["lambda"] and other.site.col > value.get("col", -1)
                   and model.callee_function(other.target) == fq for other in edges)
    return edge.caller in model.functions and function_ref(model, edge.caller, value) == fq


def _keeps_running(model: ProjectModel, entry: EntryPoint) -> bool:
    """The job's loop is a consumer's: its own, or one in a helper it hands over to that never
    leaves. A loop in a callee that returns when done (`while True: page, cursor = await
    fetch(cursor); if cursor is None: return rows`) pages through a listing: the job is one round."""
    loop = entry.details.get("loop") or {}
    if loop.get("function") == entry.function or loop.get("function") not in model.functions:
        return True
    info = model.functions[loop["function"]][1].extra.get("loops", {}).get(loop.get("line"), {})
    return not info.get("once")


def _drains_own_buffer(model: ProjectModel, fq: str) -> bool:
    """The job takes its work from a buffer on its own object (`self._pending.pop(0)`) or of its module
    (`snapshot = dict(_last_seen); _last_seen.clear()`): it writes out what this process gathered, so
    every process must run it."""
    facts, func = model.functions[fq]
    assigns = model.modules[facts.module].assigns
    return any(site.func and (len(site.func) == 3 and site.func[0] == "self" and site.func[2] in _TAKES
                              or len(site.func) == 2 and site.func[0] in assigns and site.func[1] in _DRAINS)
               for site in func.calls)


_DRAINS = _TAKES | {"clear"}


def _locks_somewhere(model: ProjectModel, class_fq: str) -> bool:
    """The scheduler class takes a distributed lock in some method (for the jobs that ask for it)."""
    methods = [f"{class_fq}.{m}" for m in model.classes[class_fq][1].methods] if class_fq in model.classes else []
    return any(lock_lines(model, fq) for fq in forward(model, [m for m in methods if m in model.functions]))


def _startup_call(model: ProjectModel, entry: EntryPoint) -> tuple[str, int] | None:
    """Where the app calls the object's own starter (`scheduler.start()` in the lifespan, when
    `DunningScheduler.start()` runs `create_task(self._loop())`): the line that makes every process
    run the job. None when the task is created anywhere else (the startup code itself, a helper
    that starts several jobs: there the `create_task` line names the job)."""
    call = _starter_call(model, entry)
    return call[1:] if call else None


def _starter_call(model: ProjectModel, entry: EntryPoint) -> tuple[str, str, int] | None:
    """(caller, path, line) of the call to the object's own starter, as `_startup_call` finds it."""
    started_in = entry.details.get("started_in", "")
    owner = entry.function.rsplit(".", 1)[0]
    if not started_in or started_in.rsplit(".", 1)[0] != owner or owner not in model.classes:
        return None
    startup = startup_functions(model)
    edges = sorted(model.callers.get(started_in, ()), key=lambda e: (e.caller not in startup, e.site.line))
    return (edges[0].caller, model.site_path(edges[0]), edges[0].site.line) if edges else None


def startup_site(model: ProjectModel, entry: EntryPoint) -> tuple[str, str, int] | None:
    """(function, path, line) of the startup code's line that starts the job: the object's starter
    call, or the line creating the task."""
    call = _starter_call(model, entry)
    if call:
        return call
    started_in = entry.details.get("started_in", "")
    if started_in in model.functions and entry.started_at:
        return started_in, entry.started_at[0], entry.started_at[1]
    return None




def config_gate(model: ProjectModel, entry: EntryPoint) -> tuple[dict, str, int] | None:
    """(block, path, line) of the `if` on configuration around the startup line of the job
    (`if settings.run_scheduler:`): only the nodes configured so start it. None when nothing gates it."""
    site = startup_site(model, entry)
    if site is None:
        return None
    scope, path, line = site
    for block in blk.blocks(model.functions[scope][1], "if"):
        if block["line"] < line <= block.get("end", 0) and \
                (any(CONFIG_ROOT.search(chain.split(".")[0]) for chain in block.get("chains", ())) or
                 any("environ" in call or "getenv" in call for call in block.get("calls", ()))):
            return None if _on_by_default(model, scope, block) else (block, path, block["line"])
    return None


def _on_by_default(model: ProjectModel, scope: str, block: dict) -> bool:
    """The `if` only tests switches the settings class declares `True` (`run_workers: bool = True`,
    tested `if settings.run_workers:`): every replica starts the job unless its deployment turns it
    off, so the switch picks no node; the job is judged as one every process runs."""
    facts, func = model.functions[scope]
    tested = block.get("chains", ())
    if not tested or block.get("calls") or set(tested) != set(block.get("present", ())):
        return False
    for chain in tested:
        root, _, attr = chain.rpartition(".")
        owner = model.resolver.type_of_chain(facts, func, tuple(root.split("."))) if root else None
        if owner is None or owner[0] != "instance" or owner[1] not in model.classes or \
                model.classes[owner[1]][1].class_attrs.get(attr) is not True:
            return False
    return True


def _scheduler_starts(model: ProjectModel) -> list[tuple[str, int, str]]:
    """(path, line, starter) of `scheduler.start()` calls on an APScheduler scheduler in startup code
    (the lifespan or a helper it calls), leaving out those run only after winning a lock."""
    out = []
    for fq in sorted(forward(model, sorted(startup_functions(model)))):
        for edge in model.edges.get(fq, ()):
            name = edge.target.name
            if edge.target.kind == "external" and name.startswith("apscheduler.") and name.endswith(".start"):
                if not leader_guarded(model, fq, edge.site.line):  # a leader's scheduler runs once
                    out.append((model.functions[fq][0].path, edge.site.line, short(fq)))
    return out


def _sql_by_function(model: ProjectModel) -> dict[str, list[dict]]:
    """The app's SQL records by function (each worker asks about the functions it reaches); a
    statement kept in a module constant belongs to the functions that run it."""
    def build() -> dict[str, list[dict]]:
        found: dict[str, list[dict]] = {}
        at = {(use["path"], use["line"]): use for use in model.app.sql if use["function"] not in model.functions}
        for use in model.app.sql:
            found.setdefault(use["function"], []).append(use)
        for fq, runs in constant_statements(model).items():
            found.setdefault(fq, []).extend({**at[where], "function": fq, "executed_by": {"line": line}}
                                            for line, _text, where in runs if where in at)
        return found
    return model.memo("sql_by_function", build)


def uncoordinated_writes(model: ProjectModel, reach: set[str]) -> list[tuple[str, int, str]]:
    """The writes no lock covers. A job is coordinated only where its writes run under a claim:
    in a function that takes a distributed lock (or elects a leader) or below it; a pure lock
    helper (`_try_leader()` that only claims), or one claiming a batch of rows with `SKIP LOCKED`
    (`claim_due()`), or one inserting a row under a unique key and reporting whether it won
    (`ON CONFLICT DO NOTHING RETURNING`), covers the code of the function calling it. A
    lock taken by one branch of the job (`grant_rewards` claims its season) leaves the other
    branches (`decay_inactive_mmr`) running in every process."""
    takers = {fq: lines for fq in sorted(reach) if (lines := lock_lines(model, fq))}
    inserts = [fq for fq in sorted(reach) if claims_by_insert(model, fq)]
    if not takers and not inserts:
        return shared_writes(model, reach)
    covering: set[str] = set(takers) | set(inserts)
    helpers = [fq for fq in sorted(takers) if _claims_only(model, fq, takers) or claims_rows(model, fq)]
    helpers += inserts
    tested = set(takers) | set(inserts)
    while helpers:  # up from the lock takers: a caller doing nothing but claim is a helper too
        helper = helpers.pop()
        callers = {e.caller for e in model.callers.get(helper, ()) if e.caller in reach
                   and not (helper in inserts and _ignores_outcome(model, e.caller, e.site))}
        covering |= callers
        fresh = sorted(callers - tested)
        tested.update(fresh)
        helpers += [fq for fq in fresh if _claims_only(model, fq, takers)]
    return shared_writes(model, reach - forward(model, sorted(covering)))


def _ignores_outcome(model: ProjectModel, caller: str, site: CallSite) -> bool:
    """The caller of an insert-claim goes on whether or not its insert won: it drops the result
    (`await repo.insert_pending(...)`) or binds it and never tests it (`donation_id, _ = await
    repo.insert_pending(...)`, then charges anyway). Only a caller branching on the outcome does
    each key's work once."""
    if site.await_dropped or site.discarded:
        return True
    func = model.functions[caller][1]
    names = func.names_bound_on(site.line) | {name for name, bound in (func.extra.get("unpacked") or {}).items()
                                              if isinstance(bound, dict) and bound.get("line") == site.line}
    return bool(names) and not any(names & {*(b.get("names") or ()), *(b.get("absent") or ()),
                                            *(b.get("present") or ())} for b in blk.ifs(func))


def _claims_only(model: ProjectModel, fq: str, takers: dict[str, frozenset[int]]) -> bool:
    """`fq` and all it calls only claim (or read): a lease helper (`lease.ensure()` renewing or
    taking a `SET NX` key) whose caller does the round's work only when it won."""
    below = forward(model, [fq])
    claimed = {(model.functions[t][0].path, line) for t in below & takers.keys()
               for line in _lease_lines(model, t, takers[t])}
    return bool(claimed) and all((path, line) in claimed for path, line, _w in shared_writes(model, below))


def _lease_lines(model: ProjectModel, fq: str, lines: frozenset[int]) -> set[int]:
    """The claim lines of `fq` and those of its calls on the key a claim took (`redis.expire(key, ttl)`
    renewing the lease it holds, `redis.delete(key)` giving it up): those writes are the claim's own."""
    calls = model.functions[fq][1].calls
    keys = {str(site.args[0]["ref"]) for site in calls if site.line in lines and site.args
            and isinstance(site.args[0], dict) and site.args[0].get("ref")}
    return set(lines) | {site.line for site in calls if site.args and isinstance(site.args[0], dict)
                         and site.args[0].get("ref") in keys}


def shared_writes(model: ProjectModel, reach: set[str]) -> list[tuple[str, int, str]]:
    """(path, line, "what: detail") of the shared-state changes the worker makes."""
    out: set[tuple[str, int, str]] = set()
    by_function = _sql_by_function(model)
    uses = [use for fq in reach for use in by_function.get(fq, ())]
    for use in uses:
        if use.get("operation") in _WRITE_SQL:
            line = (use.get("executed_by") or {}).get("line") or use["line"]
            out.add((use["path"], line, f"SQL {use['operation'].upper()}: {', '.join(use.get('tables') or [])}"))
    if _queries_database(model, reach):  # it sends out shared data: every replica sends the same thing
        out.update(_outbound_writes(model, reach))
        out.update(_mail_sends(model, reach))
    for fq in reach:
        facts = model.functions[fq][0]
        for edge in model.edges.get(fq, ()):
            if edge.target.kind != "external" or not edge.site.func:
                continue
            owner, _, method = lib.canonical(edge.target.name).rpartition(".")
            if owner.startswith(("redis", "aioredis")) and method in _REDIS_WRITES:
                out.add((facts.path, edge.site.line, f"Redis {method.upper()}"))
            elif owner.startswith("sqlalchemy") and method in _ORM_WRITES:
                out.add((facts.path, edge.site.line, f"ORM {method}"))
        for line, built in executed_statements(model, fq).items():  # `session.execute(update(Parcel)...)`
            out.update((facts.path, line, _written(verb, table)) for verb, table in built.items() if verb != "select")
    return sorted(out)


def _written(verb: str, table: str) -> str:
    """"SQL DELETE: audit_events" when the statement's table is declared, "SQL DELETE" when not."""
    return f"SQL {verb.upper()}: {table}" if table else f"SQL {verb.upper()}"


def _only_markers(model: ProjectModel, reach: set[str], writes: list[tuple[str, int, str]]) -> bool:
    """Every write left is a Redis marker set to a constant (`set(done_key, "1", ex=...)`, the work
    itself under a lock): each copy setting it leaves the same state, so no work is duplicated."""
    marks = {(model.functions[fq][0].path, e.site.line) for fq in reach for e in model.edges.get(fq, ())
             if e.target.kind == "external" and e.site.func and _constant_mark(e.site)}
    return all((path, line) in marks for path, line, _what in writes)


def _constant_mark(site: CallSite) -> bool:
    """`await redis.set(done_key, "1", ex=...)` (no `nx`): a marker set to a constant; every process
    setting it leaves the same state, so repeating it is no duplicated work."""
    value = site.args[1] if len(site.args) > 1 else None
    return site.func[-1] == "set" and not site.kwargs.get("nx") and isinstance(value, (str, int, float)) \
        and not isinstance(value, bool)


def _statement_verbs(model: ProjectModel, fq: str) -> dict[int, set[str]]:
    """{line: SQLAlchemy statement constructors called there} (`select`, `update`, ...) in `fq`,
    whether or not the line runs the statement."""
    built: dict[int, set[str]] = {}
    for line, verb, _table in constructed_statements(model, fq):
        built.setdefault(line, set()).add(verb)
    return built


def _queries_database(model: ProjectModel, reach: set[str]) -> bool:
    for fq in reach:
        for edge in model.edges.get(fq, ()):
            if edge.target.kind == "external":
                trip = round_trip(edge.target.name)
                if trip is not None and trip.kind in ("sql", "orm"):
                    return True
    return False


def _outbound_writes(model: ProjectModel, reach: set[str]) -> set[tuple[str, int, str]]:
    """Non-idempotent requests (POST, PATCH) to remote services made by the reached functions."""
    calls = model.memo("worker_in_every_replica.remote_calls", lambda: by_function(
        [c for c in analysis(model).calls if c.kind in REMOTE_KINDS and c.method in _SENDING_METHODS]))
    return {(c.path, c.site.line, f"HTTP {c.method.upper()} to {c.dependency}")
            for fq in reach for c in calls.get(fq, ())}


def _mail_sends(model: ProjectModel, reach: set[str]) -> set[tuple[str, int, str]]:
    """Emails the reached functions send (`smtp.send_message(msg)`): each replica mails the same people."""
    return {(model.functions[fq][0].path, edge.site.line, "email sent") for fq in reach
            for edge in model.edges.get(fq, ()) if edge.target.kind == "external"
            and lib.canonical(edge.target.name) in lib.MAIL_SENDS}


def _periodic(model: ProjectModel, loop: dict) -> bool:
    """The loop sleeps between rounds (a sleep that is only a back-off in a handler does not
    count, but a relay that backs off on errors and also sleeps when idle is a poller)."""
    if not loop.get("sleep") or loop.get("function") not in model.functions:
        return False
    func = model.functions[loop["function"]][1]
    handlers = [(b["line"], b["end"]) for b in func.extra.get("blocks", ()) if b["kind"] == "except"]
    sleeps = [loop.get("sleep_line", 0)] + [e.site.line for e in model.edges.get(loop["function"], ())
                                            if e.target.name in _SLEEPS and e.site.line >= loop.get("line", 0)]
    return any(not any(start <= line <= end for start, end in handlers) for line in sleeps)


def dispatched_jobs(model: ProjectModel, fq: str) -> list[str]:
    """The methods a generic runner's loop runs through a `typing.Protocol` (`await worker.run()`
    on a `Worker`, `await entry.job.run()` on a `Daily(job: Job)`): those of the classes whose
    instances are handed to it (`WorkerRunner([Sweeper(db), Exporter(s3)])`). Empty for a loop
    calling concrete code."""
    if fq not in model.functions:
        return []
    protocols = protocol_classes(model)
    called = {method for edge in model.edges.get(fq, ()) if edge.target.kind == "function"
              for owner, _, method in [edge.target.name.rpartition(".")] if owner in protocols}
    return sorted(m for m in injected_calls(model).get(fq, ()) if m.rpartition(".")[2] in called) or \
        _template_hooks(model, fq)


def _awaited_before(model: ProjectModel, fq: str, before: int) -> list[tuple[str, CallSite]]:
    """(callee, call site) of the project functions `fq` awaits before line `before` (0: anywhere)."""
    if fq not in model.functions:
        return []
    return [(c, site) for c, site in _awaited_sites(model, fq) if (not before or site.line < before) and c != fq]


def _template_hooks(model: ProjectModel, fq: str) -> list[str]:
    """A base class's loop calling its own hook (`processed = await self.run_once()`) whose base
    version only raises `NotImplementedError`: each subclass's override is a job of its own, run
    on the base's cadence (`class DetentionBilling(PeriodicWorker)`), judged on its own."""
    hooks = {edge.target.name for edge in model.edges.get(fq, ()) if edge.target.kind == "function"
             and edge.site.func[:1] == ("self",) and edge.target.name in model.functions
             and _stub(model.functions[edge.target.name][1])}
    overrides = overrides_of(model)
    return sorted({o for hook in hooks for o in overrides.get(hook, ())})


def _stub(func) -> bool:
    """The method only raises `NotImplementedError`: a hook for subclasses to fill in."""
    return func.code_lines <= 2 and any(b.get("exc") == "NotImplementedError" for b in blk.blocks(func, "raise"))


def _first_work(model: ProjectModel, fq: str) -> Location | None:
    """The first awaited project call of `fq` that reaches a shared write: where its work starts."""
    facts = model.functions[fq][0]
    for edge in sorted(model.edges.get(fq, ()), key=lambda e: e.site.line):
        callee = model.callee_function(edge.target)
        if edge.site.awaited and callee in model.functions and shared_writes(model, forward(model, [callee])):
            return Location(facts.path, edge.site.line, edge.site.end_line)
    return None
