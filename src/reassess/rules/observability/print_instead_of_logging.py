"""RA601 logging-gap: `print()` in code that runs inside the server."""
from __future__ import annotations

from collections import defaultdict
from typing import Iterator

from ...facts.types import CallSite, FunctionFacts
from ...findings import Finding, Location
from ...model.app import is_test_path
from ...model.resilience import blocks as blk
from ...model.resilience.runtime import entries_reaching, short, startup_functions
from ..api import ProjectContext, Rule, register

PRINTERS = frozenset({"builtins.print", "pprint.pprint", "pprint.pp"})


@register
class PrintInsteadOfLogging(Rule):
    """`print()` used for diagnostics in code that the server runs.

    What it finds:
        Calls to `print` (and `pprint`) in functions reached from routes, websockets,
        middleware, background workers and tasks, or startup hooks. One finding per function,
        citing its first print and listing the others; when a print is all an `except` handler
        does to report the failure, the handler is cited (the error is what goes unlogged).
        Command-line scripts, tests and code the server never reaches are not reported.

    Why it matters:
        Printed lines bypass the logging configuration: no level, no timestamp, no logger name,
        no request or trace id, no structured fields, and no way to filter or silence them. In
        containers stdout may be block-buffered, so they appear late or are lost on a crash, and
        log aggregation cannot alert on them.

    Example:
        print(f"price poller: {len(updates)} updated, {len(instruments) - len(updates)} without quote")

    Instead:
        Use the module's logger with lazy formatting and an appropriate level:

            logger.info("price poller: %d updated, %d without quote", len(updates), missing)
    """

    id = "RA601"
    name = "print-instead-of-logging"
    category = "logging-gap"
    severity = "LOW"
    scope = "project"
    base_effort = 0.25
    effort_per_location = 0.1

    def check(self, ctx: ProjectContext) -> Iterator[Finding]:
        model = ctx.model
        by_function: dict[str, list[CallSite]] = defaultdict(list)
        printing = model.functions_calling(to=PRINTERS | {name.removeprefix("builtins.") for name in PRINTERS})
        for fq in sorted(printing):
            for edge in model.edges[fq]:
                name = edge.target.name if edge.target.kind == "external" else f"builtins.{edge.target.name}"
                if edge.target.kind in ("external", "builtin") and name in PRINTERS:
                    by_function[fq].append(edge.site)
        ctx.examine("functions that print", len(by_function))
        if not by_function:
            return
        startup = startup_functions(model)
        for fq in sorted(by_function):
            facts, _func = model.functions[fq]
            if is_test_path(facts.path):
                continue
            reached = entries_reaching(model, {fq}, limit=3)
            if not reached and fq not in startup:
                continue
            sites = sorted(by_function[fq], key=lambda s: s.line)
            yield self._finding(fq, facts.path, sites, reached, _printing_handler(model.functions[fq][1], sites))

    def _finding(self, fq: str, path: str, sites: list[CallSite], reached: list,
                 handler: dict | None) -> Finding:
        first = sites[0]
        via = ", ".join(entry.name for entry, _chain in reached) or "application startup"
        description = (
            f"`{short(fq)}` writes {len(sites)} message{'s' if len(sites) != 1 else ''} with `print()` "
            f"(first at {path}:{first.line}); it runs for {via}. These lines skip the logging setup: no level, "
            "timestamp, logger name or request context, and they cannot be filtered or shipped as structured logs."
        )
        related = [Location(path, s.line, s.end_line, "another print") for s in sites[1:8]]
        if handler is None:
            return self.finding(
                Location(path, first.line, first.end_line), f"print() instead of logging in {short(fq)}",
                description, related=related,
            )
        caught = ", ".join(handler.get("types") or ()) or "every exception"
        description = (
            f"The handler for {caught} at line {handler['line']} in `{short(fq)}` reports the failure only with "
            f"`print()` and carries on: no level, no traceback, nothing an alert or a log search can find. "
            + description)
        related = [Location(path, s.line, s.end_line, "print() instead of logging") for s in sites[:8]]
        return self.finding(
            Location(path, handler["line"], handler["line"]),
            f"failure reported only with print() in {short(fq)}", description, related=related,
        )


def _printing_handler(func: FunctionFacts, sites: list[CallSite]) -> dict | None:
    """The first `except` whose only report of the failure is a print (no logger call, no re-raise):
    the error is what goes unlogged, so the handler is what to cite."""
    for site in sites:
        for handler in blk.enclosing(func, site.line, "except")[-1:]:
            if not blk.handler_logs(func, handler) and not blk.handler_reraises(func, handler):
                return handler
    return None
