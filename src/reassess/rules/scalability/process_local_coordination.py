"""RA502 horizontal-scaling-blocker: rate limits and broadcasts that only see one process."""
from __future__ import annotations

from typing import Iterator

from ...findings import Finding, Location
from ...model.program_kind import single_process
from ...model.project import ProjectModel
from ...model.resilience.components import InstanceState, instance_state, singletons
from ...model.app import is_test_path
from ...model.resilience.runtime import entries_reaching, short
from ...model.resilience.state import ModuleState, module_state
from ...model.resilience.triggers import request_driven
from ..api import ProjectContext, Rule, register
from ._dedup_guards import DedupGuard, dedup_guards
from ._directed import DirectedLookup, directed_lookups
from ._in_flight_marks import in_flight
from ._keyed_locks import KeyedLock, keyed_locks
from ._local_state_limits import (bound_at_module, fallback_only, held_by, instance_limiter, limiter_builds,
                                  rate_limiter)
from ._local_state_sockets import (REQUESTS, broadcast_triggers, connection_registry, exclusive, fed_by_channel,
                                   module_senders, registry_senders, socket_registry)
from ._minted_entries import minted_registry
from ._pending_replies import PendingReply, pending_reply
from .request_state_in_singleton import connection_state


@register
class ProcessLocalCoordination(Rule):
    """State that only works when the service runs as a single process.

    What it finds:
        (1) Rate limits kept in process memory: a module-level or service-object container
        (also a limiter object built at import time on `app.state`)
        that a request handler both updates and uses to reject requests with 429 / a rate-limit
        error (also when it updates an item through a local name: `hits = self._hits[key]`), or
        a check that reads the clock and answers False, which its caller turns into the
        rejection (`if not allow_request(user_id): raise RateLimitedError(...)`, or
        `raise HTTPException(status_code=429)` / a 429 `JSONResponse` in that branch); for a
        check named as a rate limiter, a branch that drops the work is the rejection too
        (`if not hub.limiter.allow(user.id): await ws.send_json(...); continue` in a WebSocket
        loop). A check that records the time of each call into the container (a sliding window:
        `times.append(now)`) is a rate limit whatever it is called: any exception it raises before
        recording, or any branch of its caller that drops the work on False, is the rejection.
        So is a lockout kept in two steps (`self._failures[email] = (count + 1, time.monotonic())` on a failure,
        another method raising `TooManyRequests` while the entry is recent), and a per-key cooldown on a service object (`last = self._last_sent.get(phone)`; recent:
        `return False`; then `self._last_sent[phone] = now`): one send per interval and key.
        A per-host circuit breaker or a freshness check is not named so and stays silent. A limiter
        class of one module whose instance another module keeps (`login_limiter = Window(...)`,
        `self._limiter = Window(...)` in a service) is cited at that instance, the one to replace.
        (2) Broadcasts to an in-memory registry of WebSocket connections triggered by an HTTP
        request, directly or through work the request hands to a background worker over an
        in-process queue (a reading submitted over HTTP, evaluated by the ingest writer, fans out
        as an alert to every dashboard socket): only the clients connected to the process that
        served the request receive them. Registries fed from a shared channel (Redis pub/sub)
        are the fix, not the problem. The same for a module-level registry (`_feeds: dict[WebSocket,
        Queue] = {}`) that a background job sends to when the job runs in one process only (a
        separate worker program, or work it claims with a lock or `SKIP LOCKED`). A worker reading a
        Redis stream through a consumer group (`xreadgroup`) gets each entry in one process only: its
        sends reach that process's sockets alone, unlike a plain `xread` every replica makes. A sender
        that also drops the sockets whose send failed (`self._clients.discard(ws)`) is a sender still,
        and so is one handing each socket of the registry (or of a copy of it, `targets =
        list(self._conns.items())`) to a sending method of its own class, in a loop or in the
        comprehension given to `gather`, and one looping over what a reader of the registry returns
        (`for ws in self.members(room):`).
        (3) What WebSocket connections record on a long-lived service object and HTTP requests
        read - who is online, which sessions are connected (`users = self._online[ws];
        users[user_id] = n` on connect, `online_users()` for a route): it lists only the clients
        connected to the process that serves the read; likewise when the reader runs for another
        WebSocket route (`is_online(peer)` checked while a chat socket handles a message).
        (4) An in-flight marker on a long-lived service object used as a lock (`if study_id in
        self._running: raise Conflict(...)`, `self._running[study_id] = now`, cleared in
        `finally`) by work a request or a worker starts: another process never sees the mark. A
        branch that hands back the pending result (`return await self._pending[key]`) is an
        in-process de-duplication and is left out. The same for a dict of per-key `asyncio` locks
        on such an object (`self._locks = defaultdict(asyncio.Lock)`) taken by work a request
        starts, when the guarded block changes shared state (SQL, ORM or Redis writes, a POST to
        another service); a lock that only guards the process's own memory (one refresh of a local
        cache at a time) is left out.
        (6) A directed send through such a registry: a request, or another client's message, looks one
        client's socket up by key (`socket = KIOSK_SESSIONS.get(device_id)`, `registry.users.get(user_id)`,
        `self._connections.for_user(user_id)`) and sends to it. The client may be connected to another
        replica: there the lookup finds nothing and the message is lost or refused. A lookup made by a
        listener on a shared channel (each replica delivering to its own sockets) is the fix.
        (5) A module-level set or dict used by a request handler as a duplicate guard: the key
        tested (`if ref in _seen: return {"status": "duplicate"}`) and then recorded (`_seen.add(ref)`):
        a retry served by another process is processed again; likewise on a long-lived service
        object (`if batch_id in self._seen_batches: return True`, then `self._seen_batches[batch_id] = None`). A branch that returns the stored
        value (`return _cache[key]`) is a cache hit and is left out.
        (7) A long-lived service object's dict that a request fills under an id it mints and hands
        back (`job = ExportJob(job_id=uuid4().hex); self._jobs[job.job_id] = job; return job`) and
        another request looks up by that id (`self._jobs.get(job_id)` for a status or download
        route): the follow-up may land on a replica that never saw the entry. The same for a one-time
        secret a request draws (`code = new_otp()` around `secrets.randbelow`), stores under the
        client's key and sends out (an SMS), which the next request takes back (`self._codes.pop(phone)`), and
        for an entry stored under a secret just drawn (`self._tokens[token] = (user_id, expires)` with `token =
        secrets.token_urlsafe(32)`, a password-reset link), which the next request pops by that token.
        (8) A reply awaited in one process and delivered to any: a request parks a future in a long-lived
        service object's dict under a key (`self._ack_waiters[cid] = loop.create_future()`) and waits on it,
        and the reply comes back as another HTTP request (a device's or a partner's webhook) whose handler
        looks the future up by that key and resolves it. Served by another replica, the webhook finds no
        future and the request times out. A future resolved by the object's own reader loop (a client
        matching replies on its connection) comes back to the process that asked and is left out.
        An in-flight marker (4) may also be set by the request and cleared in the `finally` of the
        work it starts (`create_task(self._sync(...))`), and a broadcast (2) may hand each socket
        to a sending method of the same class (`create_task(self._send(ws, event))` per socket).

    Why it matters:
        With N worker processes or replicas each keeps its own counters, so the effective limit
        is N times the configured one and depends on how the load balancer spreads a client's
        requests. A user connected to one replica shows as offline on every other one. A
        broadcast from one process never reaches the WebSocket clients connected to
        the others, so users miss notifications depending on where they happen to be connected.

    Example:
        if len(recent) >= settings.rate_limit_per_minute:
            raise HTTPException(status.HTTP_429_TOO_MANY_REQUESTS, "order rate limit exceeded")
        _recent_submissions[user["id"]] = recent

    Instead:
        Count in a store shared by all processes, atomically (or use a gateway rate limiter):

            key = f"rl:orders:{user_id}:{int(time.time() // 60)}"
            count = await redis.incr(key)
            await redis.expire(key, 60)
            if count > settings.rate_limit_per_minute:
                raise HTTPException(status.HTTP_429_TOO_MANY_REQUESTS, "order rate limit exceeded")

        and publish broadcasts through Redis pub/sub so every process forwards them to its clients.
    """

    id = "RA502"
    name = "process-local-coordination"
    category = "horizontal-scaling-blocker"
    severity = "HIGH"
    scope = "project"
    base_effort = 3.0

    def check(self, ctx: ProjectContext) -> Iterator[Finding]:
        model = ctx.model
        if single_process(model):
            return  # one process on the user's machine: process-local state is the whole state
        yield from self._rate_limits(model)
        yield from self._broadcasts(model)
        yield from self._module_broadcasts(model)
        yield from self._connection_state(model)
        yield from self._in_flight_markers(model)
        yield from self._dedup_guards(model)
        yield from self._directed_sends(model)
        yield from self._minted_registries(model)
        yield from self._pending_replies(model)
        for lock in keyed_locks(model):
            yield self._keyed_lock_finding(model, lock)

    # ----- de-duplication sets --------------------------------------------------------------------------
    def _dedup_guards(self, model: ProjectModel) -> Iterator[Finding]:
        """A module-level container, or one a long-lived service object keeps (`self._seen_batches`), that
        request handling tests for a key, leaving when it is there (`if ref in _seen: return duplicate`),
        and then records the key in: an idempotency guard that only this process sees."""
        for guard in dedup_guards(model):
            yield self._dedup_finding(guard)

    def _dedup_finding(self, guard: DedupGuard) -> Finding:
        entries = guard.entries
        description = (
            f"`{guard.name}` ({guard.path}:{guard.line}) is a container in process memory that "
            f"{', '.join(entries)} test{'s' if len(entries) == 1 else ''} for the key before doing the work (line "
            f"{guard.test}) and record{'s' if len(entries) == 1 else ''} it in afterwards (line {guard.write}): a "
            "duplicate guard. Each worker process and replica keeps its own copy, so a retry or a duplicate delivery "
            "served by another process (or after a restart) is processed again.")
        recommendation = ("Keep the guard where every process sees it, and claim the key atomically: a unique "
                          "constraint on the key (insert, and treat the conflict as the duplicate), or "
                          "`SET key 1 NX EX <ttl>` in Redis before the work.")
        related = [Location(guard.used_in, guard.test, guard.test, "the key tested"),
                   Location(guard.used_in, guard.write, guard.write, "the key recorded")]
        return self.finding(Location(guard.path, guard.line, guard.line),
                            f"in-process duplicate guard `{guard.name}`", description, related=related,
                            recommendation=recommendation)

    # ----- replies awaited in one process ----------------------------------------------------------------
    def _pending_replies(self, model: ProjectModel) -> Iterator[Finding]:
        """(8) A future a request parks under a key and waits on, resolved by a webhook any replica may serve."""
        for class_fq, attr in _service_states(model):
            found = pending_reply(model, attr)
            if found is not None:
                yield self._pending_finding(model, class_fq, attr, found)

    def _pending_finding(self, model: ProjectModel, class_fq: str, attr: InstanceState, found: PendingReply) -> Finding:
        w_path, r_path = model.functions[found.waiter][0].path, model.functions[found.resolver][0].path
        description = (
            f"`{short(found.waiter)}` (for {', '.join(found.waits_for[:3])}) parks a future in `self.{attr.attr}` and "
            f"waits for it; `{short(found.resolver)}` resolves it when the reply arrives as "
            f"{', '.join(found.delivered_by[:3])}. `{short(class_fq)}` exists once per process, so with more than one "
            "worker or replica the reply is often served by a process that holds no such future: it is dropped and "
            "the waiting request times out.")
        return self.finding(
            Location(attr.init_path, attr.init_line, attr.init_line),
            f"`{short(class_fq)}.{attr.attr}` waits in one process for replies any process may receive", description,
            related=[Location(w_path, found.parked, found.parked, "the future is parked here"),
                     Location(r_path, found.resolved, found.resolved, "the reply resolves it here")],
            recommendation=("Deliver the reply where the waiter is: publish it on a shared channel every process "
                            "listens to (Redis pub/sub on `reply:{key}`, each process resolving its own futures), or "
                            "store it (a row, a Redis key) and let the request poll or return 202 with a status URL."))

    # ----- registries keyed by minted ids -------------------------------------------------------------
    def _minted_registries(self, model: ProjectModel) -> Iterator[Finding]:
        """(7) A long-lived service's dict that a request fills under an id it mints and hands back
        (`job_id = uuid4().hex; self._jobs[job_id] = job; return job`) and another request looks up by
        that id (`self._jobs.get(job_id)`): the follow-up may reach another replica, which never saw it."""
        for class_fq, attr in _service_states(model):
            found = minted_registry(model, attr)
            if found is not None:
                yield self._minted_finding(model, class_fq, attr, *found)

    def _minted_finding(self, model: ProjectModel, class_fq: str, attr: InstanceState, writer: str,
                        reader: str, secret: str) -> Finding:
        """`secret`: the writer sends a drawn secret out (a one-time code, "sent") or keys the entry by it
        (a reset token, "key") rather than handing back an id."""
        w_facts, w_func = model.functions[writer]
        r_facts, r_func = model.functions[reader]
        handed = {"sent": "draws a one-time secret, stores it in `self.{a}` and sends it out; `{r}` later looks it "
                          "up by the same key",
                  "key": "draws a one-time secret and stores an entry under it in `self.{a}`; `{r}` later looks "
                         "the entry up by that secret",
                  "": "mints an id, stores the entry under it in `self.{a}` and hands it back; `{r}` later looks "
                      "the entry up by that id"}[secret].format(a=attr.attr, r=short(reader))
        description = (
            f"`{short(writer)}` {handed} for another request. `{short(class_fq)}` "
            "exists once per process, so a follow-up request that another worker or replica serves finds "
            + ("nothing (a valid code is refused)" if secret else "nothing (a 404 for a job that exists)")
            + ", and every entry is lost on restart or deploy.")
        related = [Location(w_facts.path, w_func.line, w_func.line,
                            "the code is drawn and stored" if secret else "the id is minted and the entry stored"),
                   Location(r_facts.path, r_func.line, r_func.line, "another request looks it up")]
        recommendation = ("Keep the entries where every process reads them (a table, or Redis with an expiry): "
                          "`INSERT INTO export_jobs ...` when the job starts, `SELECT ... WHERE id = $1` for its "
                          "status.")
        return self.finding(Location(attr.init_path, attr.init_line, attr.init_line),
                            f"`{short(class_fq)}.{attr.attr}` keeps request-minted entries in one process",
                            description, related=related, recommendation=recommendation, severity="MEDIUM")

    # ----- in-flight markers -------------------------------------------------------------------------
    def _in_flight_markers(self, model: ProjectModel) -> Iterator[Finding]:
        for class_fq, attr in _service_states(model):
            marked = in_flight(model, attr)
            if marked is None:
                continue
            fq, test, cleared = marked
            entries = [e for e, _c in entries_reaching(model, {fq}, limit=6) if e.kind in ("http", "worker")]
            if entries:
                yield self._in_flight_finding(model, class_fq, attr, fq, test, cleared, entries)

    def _in_flight_finding(self, model: ProjectModel, class_fq: str, attr: InstanceState, fq: str, test: dict,
                           cleared: int, entries: list) -> Finding:
        path = model.functions[fq][0].path
        names = sorted({e.name for e in entries})
        description = (
            f"`{short(fq)}` refuses to start while its key is in `self.{attr.attr}` (line {test['line']}), marks it "
            f"there and clears it in `finally` (line {cleared}): a lock held in the memory of one process. "
            f"`{short(class_fq)}` exists once per process, so another worker or replica serving "
            f"{', '.join(names[:4])} sees an empty `{attr.attr}` and runs the same work at the same time."
        )
        related = [Location(path, test["line"], test["line"], "the check that only sees this process"),
                   Location(path, cleared, cleared, "the marker is cleared here")]
        recommendation = (
            "Claim the key where every process sees it, with an expiry in case the holder dies:\n\n"
            f"    if not await redis.set(f\"{attr.attr.strip('_')}:{{key}}\", token, nx=True, ex=900):\n"
            "        raise Conflict(...)\n\n"
            "or claim the job's row atomically (`UPDATE ... SET status = 'running' WHERE id = $1 AND status <> "
            "'running' RETURNING id`)."
        )
        return self.finding(Location(attr.init_path, attr.init_line, attr.init_line),
                            f"`{short(class_fq)}.{attr.attr}` guards work against running twice in one process only",
                            description, related=related, recommendation=recommendation)

    def _keyed_lock_finding(self, model: ProjectModel, lock: KeyedLock) -> Finding:
        path = model.functions[lock.fq][0].path
        write_path, write_line, what = lock.write
        description = (
            f"`{short(lock.fq)}` serialises its work per key with `self.{lock.attr}`, a dict of `asyncio` locks "
            f"on `{short(lock.class_fq)}`, which exists once per process; the guarded block changes shared state "
            f"({what}, {write_path}:{write_line}). Another worker or replica serving "
            f"{', '.join(lock.entries[:4])} holds its own lock for the same key, so the work the lock is meant to "
            f"keep apart runs twice at the same time as soon as there are two processes."
        )
        related = [Location(path, lock.line, lock.line, "the lock is taken here"),
                   Location(write_path, write_line, write_line, "shared state changed under it")]
        recommendation = (
            "Take the lock where every process sees it (a row lock, an advisory lock or a Redis lock with an "
            "expiry):\n\n"
            "    await conn.execute(\"SELECT pg_advisory_xact_lock(hashtext($1))\", key)  # inside the transaction\n\n"
            "or make the write itself safe to race (a unique constraint with `ON CONFLICT DO NOTHING`)."
        )
        return self.finding(Location(lock.init_path, lock.init_line, lock.init_line),
                            f"`{short(lock.class_fq)}.{lock.attr}` serialises requests in one process only",
                            description, related=related, recommendation=recommendation)

    # ----- rate limits ---------------------------------------------------------------------------
    def _rate_limits(self, model: ProjectModel) -> Iterator[Finding]:
        for state in module_state(model):
            if is_test_path(state.facts.path):
                continue
            limiter = rate_limiter(model, state)
            if limiter and not fallback_only(model, limiter):
                yield self._rate_finding(model, state.name, state.facts.path, state.assign.line, limiter,
                                         [(w.path, w.line) for w in state.writes])
        for class_fq in sorted(singletons(model)):
            for attr in instance_state(model, class_fq):
                limiter = instance_limiter(model, attr)
                if limiter and attr.container and not is_test_path(attr.init_path or "x"):
                    path = attr.init_path or model.classes[class_fq][0].path
                    line = attr.init_line or model.classes[class_fq][1].line
                    yield self._rate_finding(model, f"self.{attr.attr}", path, line, limiter,
                                             [(model.functions[fq][0].path, ln) for fq, ln in attr.writes],
                                             limiter_builds(model, class_fq), held_by(model, class_fq))

    def _rate_finding(self, model: ProjectModel, name: str, path: str, line: int, limiter: str,
                      writes: list[tuple[str, int]], built: list[Location] = (),
                      held: list[Location] = ()) -> Finding:
        entries = [e.name for e, _c in entries_reaching(model, {limiter}, limit=4)]
        description = (
            f"`{short(limiter)}` enforces a rate limit from `{name}` ({path}:{line}), a container in process "
            f"memory{' used by ' + ', '.join(entries) if entries else ''}. Every worker process and replica counts "
            "separately, so a client gets the limit once per process it reaches, and counts reset on restart."
        )
        related = [Location(p, ln, ln, "the counter is updated here") for p, ln in writes[:4]] + [*built, *held]
        cited = Location(path, line, line)
        named = [b for b in [*(b for b in built if bound_at_module(model, b)), *held] if b.path != path]
        if named:  # a limiter utility of another module: the per-process instance the app keeps is what to replace
            cited, related = named[0], [Location(path, line, line, "the counter it keeps"), *related]
            related = [r for r in related if (r.path, r.start_line) != (cited.path, cited.start_line)]
        return self.finding(Location(cited.path, cited.start_line, cited.end_line),
                            f"in-process rate limit in `{name}`", description, related=related)

    # ----- directed sends ------------------------------------------------------------------------
    def _directed_sends(self, model: ProjectModel) -> Iterator[Finding]:
        """One finding per lookup reached from a request or from a worker not fed by a shared channel."""
        for lookup in directed_lookups(model, lambda text: socket_registry(model, text)):
            reaching = entries_reaching(model, {lookup.fq}, limit=20)
            if any(fed_by_channel(model, e, chain) for e, chain in reaching):
                continue  # a relay: every replica delivers to its own sockets
            triggers = [e.name for e, _c in reaching if e.kind in REQUESTS or e.kind in ("task", "worker")]
            if triggers:
                yield self._directed_finding(model, lookup, triggers)

    def _directed_finding(self, model: ProjectModel, lookup: DirectedLookup, triggers: list[str]) -> Finding:
        path = model.functions[lookup.fq][0].path
        description = (
            f"`{short(lookup.fq)}` looks one client's socket up in `{lookup.registry}` (line {lookup.line}), a "
            f"registry kept in the memory of this process, and sends to it (line {lookup.send}) for "
            f"{', '.join(triggers[:3])}. The client's socket lives on whichever replica or worker accepted it: "
            "when that is another one, the lookup finds nothing and the message is refused or lost.")
        related = [Location(path, lookup.send, lookup.send, "sent only when the socket is in this process"),
                   Location(*lookup.declared, lookup.declared[1], "the per-process registry")]
        recommendation = ("Publish the message on a channel keyed by the client (Redis pub/sub), and let the "
                          "replica holding the socket deliver it; keep who-is-connected in a shared store.")
        return self.finding(Location(path, lookup.line, lookup.line),
                            f"message for one client sent through the per-process registry `{lookup.registry}`",
                            description, related=related, severity="MEDIUM", recommendation=recommendation)

    # ----- broadcasts ----------------------------------------------------------------------------
    def _broadcasts(self, model: ProjectModel) -> Iterator[Finding]:
        driven = request_driven(model)
        for class_fq in sorted(singletons(model)):
            for attr in instance_state(model, class_fq):
                if not connection_registry(model, class_fq, attr):
                    continue
                senders = registry_senders(model, attr)
                http, handed, relayed = broadcast_triggers(model, senders, driven) if senders else ([], [], False)
                if http or handed:
                    yield self._broadcast_finding(model, class_fq, attr, senders, http, handed, relayed)

    def _module_broadcasts(self, model: ProjectModel) -> Iterator[Finding]:
        """A module-level registry of connections (`_feeds: dict[WebSocket, Queue] = {}`) that a
        function of its module sends to (or queues to each), run by a background worker that picks
        its work from a shared source: the worker's process holds only its own sockets (none at all
        in a separate worker program). A registry a request handler sends to is RA508's subject."""
        for state in module_state(model):
            if state.kind != "container" or is_test_path(state.facts.path) or \
                    not socket_registry(model, model.line_text(state.facts.path, state.assign.line)):
                continue
            senders = module_senders(model, state)
            reaching = entries_reaching(model, set(senders), limit=20) if senders else []
            workers = [] if any(e.kind in REQUESTS for e, _c in reaching) else \
                [(e, chain) for e, chain in reaching if e.kind in ("task", "worker", "job")
                 and e.function not in senders and exclusive(model, e)]
            if workers:
                yield self._module_broadcast_finding(model, state, senders, workers)

    def _module_broadcast_finding(self, model: ProjectModel, state: ModuleState, senders: list[str],
                                  workers: list) -> Finding:
        path, line = state.facts.path, state.assign.line
        names = sorted({e.name for e, _c in workers})
        description = (
            f"`{state.name}` ({path}:{line}) keeps WebSocket connections in module memory, one registry per "
            f"process, and {', '.join(f'`{short(s)}`' for s in senders)} sends to them for "
            f"{', '.join(names[:3])}, a background job. The job runs in whichever process picked the work (a worker "
            "program holds no sockets at all): clients connected to every other process never get the message.")
        related = [Location(model.site_path(chain[0]), chain[0].site.line, chain[0].site.line,
                            f"{entry.name} triggers the broadcast") for entry, chain in workers[:4] if chain]
        related += [Location(model.functions[fq][0].path, model.functions[fq][1].line, model.functions[fq][1].line,
                             "sends to every registered socket") for fq in senders[:2]]
        recommendation = ("Publish the event on a shared channel (Redis pub/sub) and let each API process relay "
                          "it to the sockets it holds.")
        return self.finding(Location(path, line, line), f"worker-triggered broadcast to the in-process registry "
                            f"`{state.name}`", description, related=related, severity="MEDIUM",
                            recommendation=recommendation)

    def _broadcast_finding(self, model: ProjectModel, class_fq: str, attr: InstanceState, senders: list[str],
                           http: list, handed: list[tuple[str, str]], relayed: bool = False) -> Finding:
        """Cited at the registry; when a channel relay also feeds it (the registry is the right
        design), at the call that bypasses the relay and sends to this process's sockets only."""
        bypass = next((chain[-1] for _e, chain in http if chain), None) if relayed else None
        names = [e.name for e, _c in http[:4]] or [why for _fq, why in handed[:2]]
        description = (
            f"`{short(class_fq)}` keeps its WebSocket connections in `self.{attr.attr}` ({attr.init_path}:"
            f"{attr.init_line}), one registry per process, and {', '.join(f'`{short(s)}`' for s in senders)} "
            f"sends to them for work started by {'; '.join(names)}: only the clients connected to the process "
            "that took that request or job receive the message, whatever replica their own socket is on."
        )
        related = [Location(model.site_path(chain[0]), chain[0].site.line, chain[0].site.line,
                            f"{entry.name} triggers the broadcast") for entry, chain in http[:4] if chain]
        related += [Location(model.functions[fq][0].path, model.functions[fq][1].line, model.functions[fq][1].line,
                             f"sends to every registered socket; runs for {why}") for fq, why in handed[:4]]
        cited = Location(attr.init_path, attr.init_line, attr.init_line)
        if bypass is not None:
            related.append(Location(cited.path, cited.start_line, cited.end_line, "the per-process registry"))
            bypass_path = model.functions[bypass.caller][0].path
            cited = Location(bypass_path, bypass.site.line, bypass.site.end_line)
        trigger = "request" if any(e.kind in REQUESTS for e, _c in http) or handed else "worker"
        return self.finding(cited, f"{trigger}-triggered broadcast to the in-process registry "
                            f"`{short(class_fq)}.{attr.attr}`", description, related=related, severity="MEDIUM")

    # ----- connection-kept state -------------------------------------------------------------------
    def _connection_state(self, model: ProjectModel) -> Iterator[Finding]:
        for class_fq in sorted(singletons(model)):
            if is_test_path(model.classes[class_fq][0].path):
                continue
            attrs = sorted(connection_state(model, class_fq), key=lambda a: (a.init_path, a.init_line))
            if attrs:  # one registry kept in several attributes is one finding
                yield self._connection_finding(model, class_fq, attrs)

    def _connection_finding(self, model: ProjectModel, class_fq: str, attrs: list[InstanceState]) -> Finding:
        facts, cls = model.classes[class_fq]
        attr = attrs[0]
        writers = {w for a in attrs for w in a.writers}
        all_readers = {r for a in attrs for r in a.readers}
        sockets = sorted({e.name for e, _c in entries_reaching(model, writers, limit=20) if e.kind == "websocket"})
        reads = sorted({e.name for e, _c in entries_reaching(model, all_readers, limit=20) if e.kind == "http"})
        readers = sorted({short(r) for r in all_readers - writers} or {short(r) for r in all_readers})
        read_by = ", ".join(reads[:4]) or "callers outside the project's call graph (nothing here calls it)"
        path, line = (attr.init_path, attr.init_line) if attr.init_line else (facts.path, cls.line)
        kept = ", ".join(f"`self.{a.attr}`" for a in attrs)
        description = (
            f"{kept} of `{cls.name}` (one instance per process) {'are' if len(attrs) > 1 else 'is'} kept by "
            f"WebSocket connections - {', '.join(sorted({short(w) for w in writers}))} for {', '.join(sockets[:3])}"
            " - and read by "
            f"{', '.join(readers)} for {read_by}. A socket stays on "
            "the process that accepted it, so each process sees only its own connections: a request served by "
            "another worker or replica misses every client connected elsewhere."
        )
        related = [Location(model.functions[fq][0].path, ln, ln, f"a connection updates self.{a.attr}")
                   for a in attrs for fq, ln in a.writes[:4]][:6]
        related += [Location(a.init_path, a.init_line, a.init_line, f"`self.{a.attr}` created here")
                    for a in attrs[1:] if a.init_line]
        recommendation = (
            "Keep the connection state in a store every process shares, with an expiry so crashed processes "
            "do not leave users online forever:\n\n"
            f"    await redis.hincrby(f\"{attr.attr.strip('_')}:{{key}}\", str(user_id), 1)  "
            "# on connect, -1 on disconnect\n"
            f"    await redis.expire(f\"{attr.attr.strip('_')}:{{key}}\", 120)  # refreshed by a heartbeat"
        )
        return self.finding(Location(path, line, line),
                            f"`{cls.name}.{attr.attr}` only knows the connections of one process", description,
                            related=related, severity="MEDIUM", recommendation=recommendation)


def _service_states(model: ProjectModel) -> Iterator[tuple[str, InstanceState]]:
    """(class fq, attribute) of every long-lived service object outside the tests, in a stable order:
    what the per-object checks (in-flight marks, minted entries, parked replies) each examine."""
    for class_fq in sorted(singletons(model)):
        if not is_test_path(model.classes[class_fq][0].path):
            for attr in instance_state(model, class_fq):
                yield class_fq, attr
