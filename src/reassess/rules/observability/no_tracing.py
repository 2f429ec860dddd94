"""RA625 tracing-gap: a service that calls other services with no distributed tracing."""
from __future__ import annotations

from typing import Iterator

from ...findings import Finding, Location
from ...model.resilience import analysis
from ...model.app import is_test_path
from ...model.resilience.runtime import entries_reaching
from ...model.resilience.triggers import REQUEST_KINDS, WORKER_KINDS
from ..api import ProjectContext, Rule, register
from ._instrumentation import TRACING, imported
from .static_health_check import app_creation


@register
class NoTracing(Rule):
    """A web service that calls other services but propagates no trace context.

    What it finds:
        A FastAPI/Starlette application that makes HTTP calls to other services (as the
        dependency inventory lists them) while no non-test module imports a tracer
        (OpenTelemetry, ddtrace, Elastic APM, New Relic, Sentry performance, X-Ray, Zipkin).
        Reported once, at the line that creates the application, listing the dependencies
        that a request or a background worker reaches (a download in a command-line tool of
        the same repository is no call of the service).

    Why it matters:
        When a request is slow or fails, nothing links it to the downstream calls it made: there
        is no trace id in the outbound headers or the logs, so finding which dependency (and
        which of its calls) caused the latency means guessing from timestamps across services.

    Example:
        self._client = httpx.AsyncClient(base_url=self._base_url)  # no trace propagation

    Instead:
        Instrument the framework and the HTTP clients so every inbound request starts a span and
        outbound calls carry `traceparent`:

            from opentelemetry.instrumentation.fastapi import FastAPIInstrumentor
            from opentelemetry.instrumentation.httpx import HTTPXClientInstrumentor

            FastAPIInstrumentor.instrument_app(app)
            HTTPXClientInstrumentor().instrument()
    """

    id = "RA625"
    name = "no-tracing"
    category = "tracing-gap"
    severity = "LOW"
    scope = "project"
    base_effort = 4.0

    def check(self, ctx: ProjectContext) -> Iterator[Finding]:
        model = ctx.model
        if imported(model, TRACING):
            return
        site = app_creation(model)
        deps = [d for d in analysis(model).dependencies if not all(is_test_path(c.path) for c in d.calls)
                and _served(model, d.calls)]
        ctx.examine("remote dependencies", len(deps))
        if site is None or not deps:
            return
        path, line, end = site
        names = [f"{d.name} ({len(d.calls)} call site{'s' if len(d.calls) != 1 else ''})" for d in deps]
        related = [Location(d.calls[0].path, d.calls[0].site.line, d.calls[0].site.end_line, f"calls {d.name}")
                   for d in deps[:8]]
        description = (
            f"The application created at {path}:{line} calls {len(deps)} other service"
            f"{'s' if len(deps) != 1 else ''} ({', '.join(names[:8])}{', ...' if len(names) > 8 else ''}), but no "
            "module imports a tracer: inbound requests and the outbound calls they trigger share no trace id."
        )
        yield self.finding(Location(path, line, end), "no distributed tracing across service calls", description,
                           related=related)


def _served(model, calls: list) -> bool:
    """Some call runs for a request or in a background worker: a download in a CLI command or a
    client package nothing in the service calls carries no trace of the service's requests."""
    return any(entry.kind in REQUEST_KINDS + WORKER_KINDS
               for entry, _chain in entries_reaching(model, {c.fq for c in calls}, limit=50))
