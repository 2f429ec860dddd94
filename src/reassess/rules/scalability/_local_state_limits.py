"""Rate limits kept in process memory, for RA502 (process_local_coordination).

Finds the function that enforces a limit over time from a module-level or service-object
container (a 429 or rate-limit error, a sliding window of timestamps, a per-key cooldown) and
where the app builds the one limiter each process keeps; kept apart from the rule so its file
holds the findings and this one the shape of a limit."""
from __future__ import annotations

import re

from ...facts.types import FunctionFacts
from ...findings import Location
from ...knowledge.clocks import CLOCKS
from ...model.project import ProjectModel
from ...model.resilience import blocks as blk
from ...model.resilience.components import InstanceState, singletons
from ...model.app import project_callers
from ...model.resilience.runtime import startup_functions
from ...model.resilience.state import MUTATORS, ModuleState

_TOO_MANY = re.compile(r"(^|\D)429(\D|$)|TOO_MANY_REQUESTS|RateLimit|TooMany|Throttl", re.I)
_RECORDS = frozenset({"append", "appendleft", "add", "insert"})
_LIMITER_NAME = re.compile(r"rate_?limit|limiter|throttl|quota|token_?bucket|flood|spam", re.I)


def held_by(model: ProjectModel, class_fq: str) -> list[Location]:
    """Where a long-lived service object builds the limiter for itself (`self._limiter =
    SlidingWindow(...)` in its `__init__`): one limiter per process, kept by that service."""
    inits = [f"{owner}.__init__" for owner in sorted(singletons(model))
             if owner != class_fq and f"{owner}.__init__" in model.functions]
    return _builds_kept(model, class_fq, inits, lambda target: target.startswith("self."))


def _kept_on_app_state(model: ProjectModel, class_fq: str) -> list[Location]:
    """Where startup code builds the limiter and keeps it on an object the app shares
    (`app.state.redirect_limiter = SlidingWindow(...)` in the lifespan): one limiter per process,
    shown beside the counter (which stays the cited line, as for a build at import)."""
    starts = [fq for fq in sorted(startup_functions(model)) if fq in model.functions]
    return _builds_kept(model, class_fq, starts,
                        lambda target: "." in target and not target.startswith(("self.", "cls.")))


def _builds_kept(model: ProjectModel, class_fq: str, fqs: list[str], kept) -> list[Location]:
    """Each build of `class_fq` in `fqs` whose line stores the result into a target `kept` accepts."""
    return [Location(model.functions[fq][0].path, edge.site.line, edge.site.end_line,
                     "the limiter is built here, once per process")
            for fq in fqs
            for edge in model.edges.get(fq, ()) if edge.target.kind == "class" and edge.target.name == class_fq
            and any(store["line"] == edge.site.line and kept(store["target"])
                    for store in model.functions[fq][1].extra.get("stores", ()))]


def bound_at_module(model: ProjectModel, where: Location) -> bool:
    """The module-level build is bound to a name (`login_limiter = Limiter(...)`), not handed to a
    framework (`app.add_middleware(Limiter)`)."""
    facts = model.by_path.get(where.path)
    return facts is not None and any(a.line <= where.start_line <= max(a.line, a.end_line)
                                     for a in facts.assigns.values())


def _module_instances(model: ProjectModel, class_fq: str) -> list[Location]:
    """Where modules build the limiter object at import (`otp_limiter = SlidingLimiter(...)`):
    the one per-process instance every request shares."""
    return [Location(model.modules[module].path, edge.site.line, edge.site.end_line,
                     "the limiter is built here, once per process")
            for module, edges in sorted(model.module_edges.items())
            for edge in edges if edge.target.kind == "class" and edge.target.name == class_fq][:3]


def instance_limiter(model: ProjectModel, attr: InstanceState) -> str:
    """The method that enforces a rate limit from a service object's container ("" if none): a
    writer that rejects over time, a two-step sliding window, or a per-key cooldown."""
    return next((fq for fq in sorted(attr.writers) if _rejects(model, fq)), "") \
        or _window_check(model, attr) or _cooldown(model, attr) or _lockout(model, attr)


def limiter_builds(model: ProjectModel, class_fq: str) -> list[Location]:
    """Where the app builds one limiter per process: at import in a module, or at startup on
    `app.state`; the finding cites the first such build of another module."""
    return [*_module_instances(model, class_fq), *_kept_on_app_state(model, class_fq)]


def fallback_only(model: ProjectModel, fq: str) -> bool:
    """Every project call of the limiter `fq` is made in an `except` handler (`except RedisError:
    _check_in_memory(ip)`): the per-process count is the stand-in while the shared store is down,
    and the shared store enforces the limit the rest of the time."""
    callers = project_callers(model, fq)
    return bool(callers) and all(blk.enclosing(model.functions[e.caller][1], e.site.line, "except")
                                 for e in callers)


def rate_limiter(model: ProjectModel, state: ModuleState) -> str:
    """The function that enforces a rate limit from this module-level container ("" if none)."""
    if state.kind != "container":
        return ""
    return next((fq for fq in state.writers() if _rejects(model, fq)
                 and (reads(model, fq, state) or _reads_through_helper(model, fq, state))), "")


def _reads_through_helper(model: ProjectModel, fq: str, state: ModuleState) -> bool:
    """The function decides from a helper of the container's module that looks it up
    (`if _too_many_failures(email): raise ...429`, then `_failures.setdefault(email, []).append(now)`):
    the count and the record of one limit, split over two functions."""
    for edge in model.edges.get(fq, ()):
        callee = model.callee_function(edge.target)
        if callee and callee != fq and model.functions[callee][0].module == state.module \
                and reads(model, callee, state):
            return True
    return False


def _rejects(model: ProjectModel, fq: str) -> bool:
    """The function answers 429 or raises a rate-limit error, and reads the clock (itself or through
    the per-key token buckets it keeps): a limit over time (a cap on the connections this process
    holds is a local resource limit, not a rate)."""
    facts, func = model.functions[fq]
    buckets = _takes_from_bucket(model, fq)
    if not (buckets or _calls_clock(func)):
        return False
    if any(_answers_429(site) for site in func.calls):
        return True
    recorded = _records_clock(func)
    if any(_TOO_MANY.search(b.get("exc", "")) or b["line"] < recorded for b in blk.blocks(func, "raise")):
        return True
    # `-> bool` returning `len(hits) <= cap` over the window of timestamps it keeps
    # (or a token bucket's `-> bool` answering from `bucket.take()`): its caller turns False into a 429
    answers_no = False in func.returns_values or func.returns == "bool" and (bool(recorded) or buckets)
    return answers_no and _rejected_by_callers(model, fq, func.name, windowed=bool(recorded))


def _calls_clock(func: FunctionFacts) -> bool:
    return any(site.func and site.func[-1] in CLOCKS for site in func.calls)


def _takes_from_bucket(model: ProjectModel, fq: str) -> bool:
    """`fq` answers from a clock-reading method of a per-key object it builds and keeps (`bucket =
    _Bucket(...)`, then `return bucket.take()` refilling from `time.monotonic()`): a token bucket per key."""
    built = {e.target.name for e in model.edges.get(fq, ()) if e.target.kind == "class"}
    returned = {str(v.get("call", "")).rsplit(".", 1)[-1] for v in model.functions[fq][1].returns_values
                if isinstance(v, dict)}
    return any((m := model.method_of(cls, name)) and m in model.functions and _calls_clock(model.functions[m][1])
               for cls in built for name in returned)


def _window_check(model: ProjectModel, attr: InstanceState) -> str:
    """A per-key sliding window kept in two steps: one method appends the time of each event
    (`self._seen.setdefault(key, []).append(time.time())`) and another answers a yes/no by
    counting the recent ones (`-> bool`, reads the clock, `len(hits) < cap`): a rate or
    frequency cap whatever it is called. Returns that check ("" if none)."""
    if not any(_records_clock(model.functions[fq][1]) for fq in attr.writers):
        return ""
    return next((fq for fq in sorted(set(attr.writers) | set(attr.readers)) if _counts_recent(model.functions[fq][1])),
                "")


def _cooldown(model: ProjectModel, attr: InstanceState) -> str:
    """A per-key cooldown: the method looks the key's last time up (`last = self._last_sent.get(phone)`),
    leaves without the work when it is recent (`if now - last < interval: return False`), then records
    the clock under the key (`self._last_sent[phone] = now`). One send per interval and key, whatever it
    is called; a branch handing the entry back is a cache hit, not a cooldown. Returns the method."""
    for fq, line in attr.writes:
        func = model.functions[fq][1]
        looked = {name for name, value in func.local_types.items() if isinstance(value, dict)
                  and str(value.get("call") or value.get("ref") or "").startswith(f"self.{attr.attr}")}
        clocks = {name for name, value in func.local_types.items() if _reads_clock(value)}
        recorded = any(store["line"] == line and isinstance(value := store.get("value"), dict)
                       and value.get("ref") in clocks for store in func.extra.get("stores", ()))
        if looked and recorded and not _returns_any(func, looked) and any(
                (test.get("exits") or test.get("skips")) and test["line"] < line and looked & set(test["names"])
                and clocks & set(test["names"]) for test in blk.blocks(func, "if")):
            return fq
    return ""


def _lockout(model: ProjectModel, attr: InstanceState) -> str:
    """A lockout kept in two steps: one method records the time under the key (`self._failures[email]
    = (count + 1, time.monotonic())`, or appends it to the key's list: `self._failures.setdefault(handle,
    []).append(time.monotonic())`) and another reads the entry and the clock and raises a rate-limit
    error (`raise TooManyRequests(...)`) or answers 429 while it is recent. Returns the check."""
    if not any(_stamped_store(model.functions[fq][1], attr.attr, line) for fq, line in attr.writes) \
            and not any(_records_clock(model.functions[fq][1]) == line for fq, line in attr.writes):
        return ""
    return next((fq for fq in sorted(attr.readers) if _calls_clock(model.functions[fq][1])
                 and _refuses(model.functions[fq][1])), "")


def _stamped_store(func, attr: str, line: int) -> bool:
    """The store at `line` into `self.<attr>` by key holds a clock reading (`(count + 1, time.monotonic())`)."""
    clocks = {name for name, value in func.local_types.items() if _reads_clock(value)}
    return any(store["line"] == line and store["target"] == f"self.{attr}" and store.get("item")
               and (any(site.line == line and site.func and site.func[-1] in CLOCKS for site in func.calls)
                    or isinstance(value := store.get("value"), dict) and value.get("ref") in clocks)
               for store in func.extra.get("stores", ()))


def _refuses(func) -> bool:
    """The function raises a rate-limit error or answers status 429."""
    return any(_TOO_MANY.search(b.get("exc", "")) for b in blk.blocks(func, "raise")) or \
        any(_answers_429(site) for site in func.calls)


def _returns_any(func, names: set[str]) -> bool:
    return any(isinstance(v, dict) and str(v.get("ref", "")).split(".")[0] in names for v in func.returns_values)


def _counts_recent(func) -> bool:
    names = {site.func[-1] for site in func.calls if site.func}
    return func.returns == "bool" and "len" in names and bool(names & CLOCKS)


def _records_clock(func) -> int:
    """The line where the function records the time it was called into a container (`times.append(now)`,
    `self._hits[key].append(time.monotonic())`), 0 if it does not: a sliding window of
    timestamps, the shape of a rate limit whatever its names. A raise before that line is the
    rejection of a call over the limit, whatever the exception is called."""
    clocks = {name for name, value in func.local_types.items() if _reads_clock(value)}
    for site in func.calls:
        if site.func and site.func[-1] in _RECORDS and any(
                _reads_clock(value) or isinstance(value, dict) and value.get("ref") in clocks for value in site.args):
            return site.line
    return 0


def _reads_clock(value: object) -> bool:
    """The value is a clock call (`time.monotonic()`, `datetime.now()`)."""
    return isinstance(value, dict) and str(value.get("call", "")).rsplit(".", 1)[-1] in CLOCKS


def _rejected_by_callers(model: ProjectModel, fq: str, name: str, windowed: bool = False) -> bool:
    """A check answering True/False whose caller turns False into a rejection: `if not
    allow(...): raise RateLimitedError(...)` or a 429 status (`raise HTTPException(status_code=429)`,
    `return JSONResponse(..., status_code=429)`) in the branch testing it, or - for a check named
    as a rate limiter (`MessageRateLimiter.allow`, `self.throttle.permit`) - a branch that drops
    the work (`continue`, `return`), as WebSocket handlers do with a "slow down" reply; so does a
    check that keeps a sliding window of timestamps (`windowed`), whatever it is called."""
    for edge in model.callers.get(fq, ()):
        caller = model.functions[edge.caller][1]
        for test in blk.blocks(caller, "if"):
            tested = [*test.get("absent", ()), *test.get("absent_methods", ())]
            checked = [chain for chain in tested if chain.rsplit(".", 1)[-1] == name] \
                if test["line"] == edge.site.line else []
            if checked and (_drops_work(model, fq, test, checked, windowed) or _answers_too_many(caller, test)):
                return True
    return False


def _drops_work(model: ProjectModel, fq: str, test: dict, checked: list[str], windowed: bool) -> bool:
    """`if not hub.limiter.allow(user.id): ... continue` drops the message: a branch that leaves,
    for a check named as a limiter or keeping a sliding window."""
    return bool(test.get("exits") or test.get("skips")) and (windowed or _named_limiter(model, fq, checked))


def _answers_too_many(func, test: dict) -> bool:
    """The branch raises a rate-limit error or answers status 429."""
    start, end = test["line"] + 1, test["end"]
    return any(_TOO_MANY.search(b.get("exc", "")) for b in blk.raises_in(func, start, end)) or \
        any(_answers_429(site) for site in blk.calls_in(func, start, end))


def _named_limiter(model: ProjectModel, fq: str, checked: list[str]) -> bool:
    """The check, its class or the attribute it is reached through is named as a rate limiter
    (`MessageRateLimiter.allow`, `hub.throttle.permit`); the module's name does not count."""
    owner, name = fq.rsplit(".", 1)
    names = [name, owner.rsplit(".", 1)[-1] if owner in model.classes else "", *checked]
    return any(_LIMITER_NAME.search(text) for text in names if text)


def _answers_429(site) -> bool:
    """The call passes status 429 (`status_code=429`, `status.HTTP_429_TOO_MANY_REQUESTS`)."""
    for value in [*site.args, *site.kwargs.values()]:
        text = value.get("ref", "") if isinstance(value, dict) else str(value)
        if isinstance(value, int) and value == 429 or isinstance(text, str) and "429" in text:
            return True
    return False


def _read_in_text(model: ProjectModel, path: str, func, state: ModuleState) -> bool:
    """The container's name appears on a line of the function that does not write it (a read
    inside a comprehension or an expression the call facts do not record)."""
    written = {w.line for w in state.writes if w.path == path}
    pattern = re.compile(rf"(?<![\w.]){re.escape(state.name)}\b(?!\s*\[[^\]]*\]\s*=[^=])")
    lines = model.lines(path)
    return any(pattern.search(lines[n - 1]) for n in range(func.body_line or func.line, func.end_line + 1)
               if n not in written and n <= len(lines))


def reads(model: ProjectModel, fq: str, state: ModuleState) -> bool:
    """The function looks the container up (`name.get(...)`, `name[...]` passed on, or read on a
    line that does not write it: `window = [t for t in name[key] if now - t < 60]`) before deciding."""
    name = state.name
    facts, func = model.functions[fq]
    if any(isinstance(v, dict) and str(v.get("ref") or v.get("call") or "").split(".")[0] == name
           for v in func.local_types.values()):
        return True  # `window = name[key]` or `window = name.setdefault(key, deque())`, then decided from the local
    for site in func.calls:
        chain = site.func or ()
        if chain and chain[0] == name and chain[-1] not in MUTATORS:
            return True
        for value in [*site.args, *site.kwargs.values()]:
            if isinstance(value, dict) and str(value.get("ref", "")).split(".")[0] == name:
                return True
    return _read_in_text(model, facts.path, func, state)  # the source scan, only when the facts say nothing
