"""RA504 worker-coordination: a periodic job started by every web process, with no lock or leader."""
from __future__ import annotations

import re
from dataclasses import replace
from typing import Iterator

from ...facts.types import CallSite
from ...findings import Finding, Location
from ...knowledge.queues import ATOMIC_TAKES, GROUP_READS
from ...model.app import EntryPoint
from ...model.program_kind import single_process
from ...model.resilience import blocks as blk
from ...model.overrides import overrides_of, protocol_classes
from ...model.project import ProjectModel
from ...model.app import is_test_path
from ...model.resilience.runtime import forward, short
from ...model.resilience.triggers import injected_calls
from ..api import ProjectContext, Rule, register
from ._job_starts import config_gate, replicated_process, runs_in_copies, scheduler_starts, startup_call, startup_site
from ._job_citation import awaited_sites, batch_read, cited_in_job, first_work
from ._locks import leader_guarded, lock_lines
from ._shared_writes import uncoordinated_writes

_MAX_RELATED = 6
_TAKES = frozenset({"pop", "popleft", "popitem", "get_nowait"})
# a request that delivers a message (a mail or SMS API): every copy sends it again, never a read
_MESSAGE_SENDS = re.compile(r"(?i)mail|sms|smtp")
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
        app.workers reminders`, also picked as one of two values: `runner = _stream if name == "stream"
        else WORKERS[name]`) runs in every copy of that deployment, unless the program wins a
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
        UPDATE SKIP LOCKED`) belongs; likewise a consumer taking items off a Redis list in two
        commands (`lrange`, then `ltrim`), cited at the LRANGE. A read of a whole table (`select(Site)`,
        no filter) picks no batch: the work each copy repeats for every row is cited instead (`await
        reports.send_review(site.id, day)`). An insert claim coordinates only a caller that branches on
        whether it won: one that drops or never tests the outcome (`donation_id, _ = await
        repo.insert_pending(...)`, then charging anyway) repeats its work in every process, and a claim
        taken by one branch of a job leaves the helpers its other branches share uncovered. A worker
        process's POSTs are not counted as writes (they may be reads of another service), except those
        that deliver a message (a mail or SMS API): every copy sends it again. A worker program
        (`python -m pkg.workers.x`) counts as run in several copies when a sibling program of its
        package takes a distributed lock (the deployment replicates them); a job that locks only a
        later step leaves the work it does before the lock uncovered, cited at that call, and a
        service method that only hands off to a repository's read counts as that read.

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
                   or replicated_process(model, e)]
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
        starts = {main: 0 for main in mains if runs_in_copies(model, main)}
        starts.update({e.function: (e.details.get("loop") or {}).get("line", 0) for e in workers
                       if e.details.get("at_startup") and not _periodic(model, e.details.get("loop") or {})})
        for fq, before in sorted(starts.items()):
            for callee, site in _awaited_before(model, fq, before):
                picked = batch_read(model, callee)
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
            writes = [w for w in writes if not w[2].startswith("HTTP") or _MESSAGE_SENDS.search(w[2])]
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
            work = first_work(model, job) if (found.location.path, found.location.start_line) == \
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
        cited, sites = cited_in_job(model, entry)
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
        starts = scheduler_starts(model) if jobs else []
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
        call = startup_call(model, entry)
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
        cited, sites = cited_in_job(model, entry)
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
    return [(c, site) for c, site in awaited_sites(model, fq) if (not before or site.line < before) and c != fq]


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


