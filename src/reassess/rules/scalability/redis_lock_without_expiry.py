"""RA517 worker-coordination: a Redis lock taken with no expiry, so a crashed holder keeps it forever."""
from __future__ import annotations

from typing import Iterator

from ...facts.types import CallSite, FunctionFacts
from ...findings import Finding, Location
from ...model.app import is_test_path
from ...model.data import of_context
from ...model.project import ProjectModel
from ...model.resilience import blocks as blk
from ...model.resilience.runtime import short
from ..api import ProjectContext, Rule, register
from ..concurrency._text import key_text as _key_text

_RELEASES = frozenset({"delete", "unlink"})
_EXPIRES = frozenset({"expire", "pexpire", "expireat", "pexpireat"})
_TTL_KWARGS = frozenset({"ex", "px", "exat", "pxat", "keepttl", "timeout"})
_LOCKS = ("redis.", "aioredis.", "coredis.")


@register
class RedisLockWithoutExpiry(Rule):
    """A lock between processes taken in Redis with no expiry.

    What it finds:
        A key claimed with `SETNX` (or `SET ... NX` with no `ex`/`px`), whose answer decides whether
        the work runs (`if not await redis.setnx(LOCK, "1"): return`), and deleted again when the
        work is done: a mutex between processes that only its holder releases. Also a redis-py lock
        object built with no `timeout` (`redis.lock("nightly-report")`), which never expires either.
        A key given an expiry on the same path (`expire(LOCK, ...)`) is left out, and so is a
        `SETNX` marker that is never deleted (a once-only flag, not a lock) unless the claimer reads
        it back to see whether it still holds it (`set(LEADER, NODE_ID, nx=True)`, then
        `get(LEADER) == NODE_ID`): a leader lease that no one can take over once its holder dies
        (also when the claim's answer is dropped and only the holder read back decides the work:
        `await redis.set(LEADER, me, nx=True)`, `leader = await redis.get(LEADER)`, `if leader == me:`).
        A value taken from the function's parameters (a request hash kept as a marker) is not a holder.
        Also a `SET NX` claim whose answer is dropped (`await redis.set(LOCK, period, nx=True)` as a
        statement) and whose key is deleted when the work is done: a lock that excludes nobody.

    Why it matters:
        The release runs only if the holder gets that far. A deploy, an OOM kill or a crash between
        the claim and the `DELETE` leaves the key in Redis forever: every later run, on every
        replica, sees the lock taken and skips its work, silently, until someone deletes the key
        by hand.

    Example:
        if not await redis.setnx("sweeper:lock", "1"):
            return
        await sweep()
        await redis.delete("sweeper:lock")

    Instead:
        Claim the key with an expiry longer than the work, and release only your own claim:

            token = uuid.uuid4().hex
            if not await redis.set("sweeper:lock", token, nx=True, ex=600):
                return
    """

    id = "RA517"
    name = "redis-lock-without-expiry"
    category = "worker-coordination"
    severity = "MEDIUM"
    scope = "project"
    base_effort = 1.0

    def check(self, ctx: ProjectContext) -> Iterator[Finding]:
        found = [*self._setnx_claims(ctx), *self._lock_objects(ctx.model)]
        ctx.examine("redis locks without expiry", len(found))
        yield from found

    def _setnx_claims(self, ctx: ProjectContext) -> Iterator[Finding]:
        """`SETNX` / `SET NX` claims tested, then deleted, with no expiry on the path."""
        model = ctx.model
        for fq, trips in sorted(of_context(ctx).trips.items()):
            facts, func = model.functions[fq]
            cache = [t.site for t in trips if t.trip.kind == "cache"]
            for site in cache if not is_test_path(facts.path) else ():
                release, leader = _release(func, cache, site) if _claims(site) else (None, False)
                if release is not None and _claim_decides(func, site, release, leader) and not _expired(cache, site):
                    how = "SETNX" if site.func[-1] == "setnx" else "SET NX"
                    yield self._finding(facts.path, fq, site, release, leader, how)
                ignored = _released(cache, site) if _nx(site) and (site.await_dropped or site.discarded) else None
                if ignored is not None:
                    yield self._ignored_finding(facts.path, fq, site, ignored)

    def _lock_objects(self, model: ProjectModel) -> Iterator[Finding]:
        """`redis.lock(name)` with no `timeout`: a redis-py lock that never expires."""
        for edge in model.calls_named("lock"):
            site, path = edge.site, model.functions[edge.caller][0].path
            if edge.target.name.startswith(_LOCKS) and not _TTL_KWARGS & site.kwargs.keys() and len(site.args) < 2 \
                    and not is_test_path(path):
                yield self._lock_finding(path, edge.caller, site)

    def _finding(self, path: str, fq: str, site: CallSite, release: CallSite, leader: bool, how: str) -> Finding:
        key = _key_text(site)
        description = (
            f"`{short(fq)}` claims `{key}` with {how} and no expiry (line {site.line}), runs its work only when "
            f"the claim succeeds, and deletes the key when done (line {release.line}). If the process dies in "
            "between (a deploy, an OOM kill, a crash), the key stays forever: every later run, on every replica, "
            "finds it taken and skips the work until someone deletes it by hand.") if not leader else (
            f"`{short(fq)}` claims `{key}` with {how} and no expiry (line {site.line}) and afterwards checks whether "
            f"it still holds it by reading the key back (line {release.line}): a leader lease. Nothing ever "
            "deletes or expires the key, so once the holder dies (a deploy, an OOM kill, a crash) no other "
            "process can ever take over, and the work stops on every replica until someone deletes it by hand.")
        return self.finding(
            Location(path, site.line, site.end_line), f"Redis lock `{key}` taken with no expiry in `{short(fq)}`",
            description, related=[Location(path, release.line, release.end_line,
                                           "the holder reads its claim back" if leader else "the only release")],
            recommendation=("Give the claim an expiry longer than the work, so a dead holder's lock lapses:\n\n"
                            f"    if not await redis.set({key}, token, nx=True, ex=<seconds>):\n        return"))

    def _ignored_finding(self, path: str, fq: str, site: CallSite, release: CallSite) -> Finding:
        key = _key_text(site)
        description = (
            f"`{short(fq)}` claims `{key}` with SET NX (line {site.line}) but drops the answer, runs its work "
            f"whether or not the claim succeeded, and deletes the key when done (line {release.line}): a second "
            "process (another replica, a retried job) runs the same work at the same time, and its `DELETE` "
            "releases a claim it never held." + ("" if _TTL_KWARGS & site.kwargs.keys() else
                                                 " With no expiry, a holder that dies also leaves the key forever."))
        return self.finding(
            Location(path, site.line, site.end_line), f"Redis lock `{key}` claimed but its answer ignored in "
            f"`{short(fq)}`", description, related=[Location(path, release.line, release.end_line, "the release")],
            recommendation=("Run the work only when the claim succeeds, with an expiry longer than the work:\n\n"
                            f"    if not await redis.set({key}, token, nx=True, ex=<seconds>):\n        return"))

    def _lock_finding(self, path: str, fq: str, site: CallSite) -> Finding:
        key = _key_text(site)
        description = (
            f"`{short(fq)}` builds a redis-py lock on `{key}` with no `timeout` (line {site.line}): the lock "
            "never expires. If the process holding it dies before releasing it, every later caller, on every "
            "replica, waits for (or skips on) a lock nobody will ever release.")
        return self.finding(
            Location(path, site.line, site.end_line), f"Redis lock `{key}` built with no timeout in `{short(fq)}`",
            description, recommendation=f"Give the lock a timeout longer than the work:\n\n"
                                        f"    {'.'.join(site.func or ('redis', 'lock'))}({key}, timeout=<seconds>)")


def _claims(site: CallSite) -> bool:
    """`setnx(key, value)`, or `set(key, value, nx=True)` with no expiry argument."""
    return _nx(site) and len(site.args) <= 2 and not _TTL_KWARGS & site.kwargs.keys()


def _nx(site: CallSite) -> bool:
    """`setnx(key, value)` or `set(key, value, nx=True)`, with or without an expiry."""
    return bool(site.func) and (site.func[-1] == "setnx" or site.func[-1] == "set" and site.kwargs.get("nx") is True)


def _release(func: FunctionFacts, cache: list[CallSite], claim: CallSite) -> tuple[CallSite | None, bool]:
    """What ends the claim: its `DELETE`, or else the `GET` that reads the holder back (a leader
    lease, second value True), so the finding and the proof need not guess which it was."""
    released = _released(cache, claim)
    if released is not None:
        return released, False
    return _holder_checked(func, cache, claim), True


def _released(cache: list[CallSite], claim: CallSite) -> CallSite | None:
    """The `DELETE` of the claimed key after the claim: the claim is a lock its holder gives back."""
    key = repr(claim.args[:1])
    return next((s for s in cache if s.line > claim.line and s.func and s.func[-1] in _RELEASES
                 and repr(s.args[:1]) == key), None)


def _holder_checked(func: FunctionFacts, cache: list[CallSite], claim: CallSite) -> CallSite | None:
    """A later `GET` of the claimed key when the value set names the holder (`set(LEADER, WORKER_ID,
    nx=True)`, then `get(LEADER) == WORKER_ID`): a leader lease its holder keeps renewing by
    identity. A value taken from the parameters (a request's hash stored as an idempotency
    marker) is a once-only flag, left out."""
    if len(claim.args) < 2 or not isinstance(claim.args[1], dict) or not claim.args[1].get("ref"):
        return None
    root = str(claim.args[1]["ref"]).split(".")[0].split("[")[0]
    if root in {p.name for p in func.params} - {"self", "cls"}:
        return None
    key = repr(claim.args[:1])
    return next((s for s in cache if s.line > claim.line and s.func and s.func[-1] == "get"
                 and repr(s.args[:1]) == key), None)


def _expired(cache: list[CallSite], claim: CallSite) -> bool:
    key = repr(claim.args[:1])
    return any(s.func and s.func[-1] in _EXPIRES and repr(s.args[:1]) == key for s in cache)


def _claim_decides(func: FunctionFacts, claim: CallSite, release: CallSite, leader: bool) -> bool:
    """The work depends on the claim: its answer is tested, or (a leader lease whose answer is dropped,
    `await redis.set(LEADER, me, nx=True)`) the holder read back afterwards is (`if leader == me:`)."""
    if _decides(func, claim):
        return True
    tests = [*blk.blocks(func, "if"), *blk.blocks(func, "while")]
    return leader and any(
        name in b.get("names", ()) for name in func.names_bound_on(release.line) for b in tests if b["line"] > release.line)


def _decides(func: FunctionFacts, claim: CallSite) -> bool:
    """The claim's answer is tested: in an `if` on its own line, or through the local it is bound to."""
    tests = [*blk.blocks(func, "if"), *blk.blocks(func, "while")]
    if any(b["line"] == claim.line for b in tests):
        return True
    return any(name in b.get("names", ()) for name, _value in func.bound_on(claim.line) for b in tests)
