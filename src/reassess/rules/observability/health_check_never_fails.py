"""RA611 health-check-gap: a readiness probe that catches the failed check and still answers 200."""
from __future__ import annotations

from typing import Iterator

from ...facts.types import FunctionFacts, ModuleFacts
from ...findings import Finding, Location
from ...knowledge.logs import LOG_METHODS
from ...model.app import EntryPoint
from ...model.resilience import blocks as blk
from ..api import ProjectContext, Rule, register
from .static_health_check import (checked_by, health_endpoints, is_liveness, probe_citation, served_resources,
                                  store_name)


@register
class HealthCheckNeverFails(Rule):
    """A health or readiness endpoint that checks its dependencies but answers 200 when they fail.

    What it finds:
        Probe routes (`/ready`, `/readyz`, `/health`...) whose handler does reach the database,
        cache or broker, catches the failure in an `except` that only logs, and returns a plain
        body (`{"status": "degraded"}`), or awaits a probe helper whose `except` logs and returns a
        value (`return False`) that the body then carries (`{"database": db_ok}`): nothing in the
        handler raises, returns a `Response` with
        an error status or sets `response.status_code`, so every answer is a 200. Probes that
        answer 503 (a `JSONResponse(..., status_code=503)` or `raise HTTPException(503)` in the
        handler) and liveness probes are not reported.

    Why it matters:
        Load balancers and Kubernetes readiness probes look at the status code, not the body. A
        probe that says "degraded" with a 200 keeps the instance in rotation while its database
        is unreachable, so users get errors instead of being routed to a healthy replica.

    Example:
        except Exception:
            log.warning("readiness check failed", exc_info=True)
            return {"status": "degraded"}

    Instead:
        Answer with an error status when a check fails:

            except Exception:
                log.warning("readiness check failed", exc_info=True)
                return JSONResponse({"status": "degraded"}, status_code=503)
    """

    id = "RA611"
    name = "health-check-never-fails"
    category = "health-check-gap"
    severity = "MEDIUM"
    scope = "project"
    base_effort = 0.25

    def check(self, ctx: ProjectContext) -> Iterator[Finding]:
        model = ctx.model
        probes = [e for e in health_endpoints(model) if not is_liveness(e, model)]
        if not probes:
            return
        everything = served_resources(model)
        for entry in probes:
            if entry.function not in model.functions:
                continue
            facts, func = model.functions[entry.function]
            found = _silent_handler_at(model, entry.function)
            if found is None or _can_fail(facts, func):
                continue
            checked = checked_by(model, entry.function, everything)
            if checked:
                yield self._finding(entry, found, sorted({store_name(r) for r in checked}),
                                    probe_citation(model, entry))

    def _finding(self, entry: EntryPoint, found: tuple[str, dict], stores: list[str],
                 cited: tuple[Location, list[Location]]) -> Finding:
        path, handler = found
        name = entry.function.rsplit(".", 1)[-1]
        description = (
            f"{entry.name} (`{name}`) checks {', '.join(stores)}, but the handler at line {handler['line']} catches "
            f"the failure, only logs it and returns a normal body, and nothing in `{name}` raises or sets an error "
            "status: the probe answers 200 while the dependency is down, so the instance stays in rotation."
        )
        recommendation = (
            "Return an error status when a check fails (the load balancer reads the status, not the body):\n\n"
            f"    except {', '.join(handler['types']) or 'Exception'}:\n"
            "        log.warning(\"readiness check failed\", exc_info=True)\n"
            "        return JSONResponse({\"status\": \"degraded\"}, status_code=503)"
        )
        primary, sites = cited
        return self.finding(primary, f"{entry.name} answers 200 when its checks fail",
                            description, recommendation=recommendation,
                            related=[Location(path, handler["line"], handler["end"], "the failure handled here"),
                                     *sites])


def _silent_handler_at(model, fq: str) -> tuple[str, dict] | None:
    """(path, handler): the probe's own silent handler, or that of a helper it calls which turns the
    failed check into a value (`async def _probe(coro): try: await coro ... except: log; return False`):
    the probe then answers with that value in a plain body."""
    facts, func = model.functions[fq]
    handler = _silent_handler(func)
    if handler is not None:
        return facts.path, handler
    for edge in model.edges.get(fq, ()):
        callee = model.callee_function(edge.target)
        if callee and callee != fq and callee in model.functions:
            helper_facts, helper = model.functions[callee]
            handler = _silent_handler(helper)
            if handler is not None and handler.get("exit") == "return":
                return helper_facts.path, handler
    return None


def _silent_handler(func: FunctionFacts) -> dict | None:
    """A handler that only logs (no other call, no raise) after a try that makes calls or awaits
    probes built before it (`for name, probe in (("db", check_db()), ...): await probe`)."""
    tries: dict[int, dict] = {}
    for block in blk.blocks(func, "try"):
        tries.setdefault(block["line"], block)
    bare = func.extra.get("bare_awaits", ())
    for handler in blk.blocks(func, "except"):
        body = tries.get(handler["try_line"])
        if body is None or not (blk.calls_in(func, body["line"], body["end"])
                                or any(body["line"] <= line <= body["end"] for line in bare)):
            continue
        calls = blk.calls_in(func, handler["line"] + 1, handler["end"])
        if all(s.func and len(s.func) >= 2 and s.func[-1] in LOG_METHODS for s in calls):
            return handler
    return None


def _can_fail(facts: ModuleFacts, func: FunctionFacts) -> bool:
    """Something in the probe can answer with an error: a raise, a returned response object
    (which may carry a status), a `Response` parameter or a `status_code` assignment."""
    if any(True for _ in blk.blocks(func, "raise")):
        return True
    if any(not _plain(v) for v in func.returns_values):
        return True
    if any("Response" in p.annotation for p in func.params):
        return True
    return any(store and dotted.endswith("status_code") and func.line <= line <= func.end_line
               for dotted, line, _col, store in facts.attr_refs)


def _plain(value: object) -> bool:
    """A literal body: a dict/list literal or a constant."""
    if isinstance(value, dict):
        return "literal" in value
    return value is None or isinstance(value, (str, int, float, bool, list))
