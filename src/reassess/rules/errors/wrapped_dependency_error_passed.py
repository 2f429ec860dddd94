"""RA107 swallowed-exception: the project's own error for a failed dependency, caught with `pass` or `continue`."""
from __future__ import annotations

import re
from typing import Iterator

from ...findings import Finding, Location
from ...model.app import is_test_path
from ...model.resilience import analysis, reaching_remote
from ...model.resilience import blocks as blk
from ...model.resilience.runtime import short
from ...model.statements import is_tooling_path
from ..api import ProjectContext, Rule, register
from ..observability.failure_skipped_silently import (caught_project_errors, first_http_call, silent,
                                                      wrapping_raise)
from .handlers import commented

# errors that report an expected outcome, not a failure: the row is already there, another
# replica holds the lock, the thing is gone; dropping them is how idempotent code reads
_OUTCOME_WORDS = ("integrity", "unique", "duplicate", "conflict", "exist", "notfound", "busy",
                  "notimplemented", "required", "invalid", "validation")
# the words that may stand beside "lock" in a lock's outcome (`LockNotAcquired`, `LockTimeoutError`);
# any other (`LockVendorError`, `SmartLockApiError`) names a service that happens to sell locks
_LOCK_OUTCOME = frozenset({"lock", "locked", "error", "exception", "not", "acquired", "acquire", "held", "timeout",
                           "busy", "already", "taken", "contention", "unavailable", "failed", "released", "owned",
                           "redis", "distributed", "advisory", "row", "file", "mutex", "leader", "lease"})


def _names_outcome(types: tuple[str, ...] | list[str]) -> bool:
    """A caught type names an expected outcome (`IntegrityError`, `PayeeAlreadyExists`, `LockError`)."""
    return any(word in t.lower() for t in types for word in _OUTCOME_WORDS) or any(map(_lock_outcome, types))


def _lock_outcome(name: str) -> bool:
    """`LockError`, `LockNotAcquired`, `NotLocked`: a held lock's outcome, in words of a lock only."""
    words = {w.lower() for w in re.findall(r"[A-Z]+(?![a-z])|[A-Z]?[a-z]+", name.rsplit(".", 1)[-1])}
    return bool(words & {"lock", "locked"}) and words <= _LOCK_OUTCOME


def _nothing_else(handler: dict) -> bool:
    """The handler's body is its `pass` or `continue` alone (on the `except` line or the next):
    one that first counts the attempt or notes the item (`shipment.attempts += 1`,
    `failed.append(id)`) keeps a record of the failure, a logging gap at most, not a drop."""
    return handler["end"] <= handler["line"] + 1


@register
class WrappedDependencyErrorPassed(Rule):
    """`except SmsError: pass`, where `SmsError` is what the project's client raises when its service fails.

    What it finds:
        A handler that only does `pass` (or `continue`, skipping the item: `except PaymentError:
        continue` in a payout loop), catching the project's own exception classes, where a
        function called in the `try` reaches a remote call and raises one of those classes while
        handling the dependency's failure (`except httpx.HTTPError as exc: raise SmsError(...)
        from exc`) or after a failed response of its own. Handlers that log, re-raise or do
        anything else are not reported, nor ones whose author
        documents the decision in a comment beside them (`# already reverted: nothing to do`),
        nor scripts and tooling, nor errors naming an expected outcome (`PayeeAlreadyExists`,
        `LockError`: idempotent code drops them on purpose). In a background job the same drop
        is also a logging gap (RA603); a handler that first counts or notes the item
        (`failed.append(id)`) records the failure and is left to that rule.

    Why it matters:
        Wrapping `httpx.HTTPError` in a domain error does not make the outage expected: caught
        with `pass`, it vanishes exactly as the library error would. Customers silently get no
        SMS, no receipt, no webhook, and nothing in the logs says the provider is down.

    Example:
        try:
            await self.sms.send(phone, text)
        except SmsError:
            pass

    Instead:
        except SmsError as exc:
            log.warning("SMS to %s failed: %s", mask(phone), exc)
    """

    id = "RA107"
    name = "wrapped-dependency-error-passed"
    category = "swallowed-exception"
    severity = "MEDIUM"
    scope = "project"
    base_effort = 0.25

    def check(self, ctx: ProjectContext) -> Iterator[Finding]:
        model = ctx.model
        remote, http = reaching_remote(model), first_http_call(analysis(model).calls)
        for fq, facts, func in model.iter_functions():
            if is_test_path(facts.path) or is_tooling_path(facts.path):
                continue
            for handler in blk.blocks(func, "except"):
                if handler.get("exit") not in ("pass", "continue") or not _nothing_else(handler) \
                        or not silent(func, handler) \
                        or commented(model.lines(facts.path), handler) or _names_outcome(handler.get("types") or ()):
                    continue
                caught = caught_project_errors(model, fq, handler)
                found = wrapping_raise(model, fq, handler, caught, remote, http) if caught else None
                if found is not None:
                    yield self._finding(facts.path, fq, handler, *found, model)

    def _finding(self, path: str, fq: str, handler: dict, site, raiser: str, line: int, model) -> Finding:
        caught = ", ".join(handler["types"])
        raiser_path = model.functions[raiser][0].path
        description = (f"`{short(fq)}` calls `{site.name}()` and drops {caught} with `{handler.get('exit')}`; "
                       f"`{short(raiser)}` "
                       f"raises it when its remote call fails (line {line}), so an outage of that dependency is "
                       "swallowed here without a log line, and the caller believes the work was done.")
        return self.finding(Location(path, handler["line"], handler["line"]),
                            f"{caught} swallowed in {short(fq)}", description,
                            related=[Location(raiser_path, line, line, f"{caught} raised for the dependency's failure")],
                            recommendation=f"Leave a trace of the failure:\n\n    except {caught} as exc:\n"
                                           f"        log.warning(\"{site.name} failed: %s\", exc)")
