"""RA620 metrics-gap: a web service that exports no metrics."""
from __future__ import annotations

from typing import Iterator

from ...findings import Finding, Location
from ..api import ProjectContext, Rule, register
from ._instrumentation import METRICS, imported
from .static_health_check import app_creation, served_resources


@register
class NoMetrics(Rule):
    """The service exposes no metrics: no Prometheus/StatsD/OpenTelemetry instrumentation.

    What it finds:
        A FastAPI/Starlette application none of whose (non-test) modules imports a metrics
        library (prometheus_client, prometheus-fastapi-instrumentator, starlette-exporter,
        aioprometheus, statsd/DogStatsD, OpenTelemetry metrics or instrumentation, an APM agent).
        Reported once, at the line that creates the application.

    Why it matters:
        Without request rates, latencies, error counts and pool/queue gauges, saturation and
        slow degradation are invisible until users complain: nobody sees the connection pool at
        its limit, the worker loop falling behind or the p99 latency creeping up, and there is
        nothing to alert or autoscale on.

    Example:
        app = FastAPI(title="Trading Backend", lifespan=lifespan)

    Instead:
        Instrument the app and export the figures that matter for its dependencies:

            from prometheus_fastapi_instrumentator import Instrumentator

            Instrumentator().instrument(app).expose(app, endpoint="/metrics")
    """

    id = "RA620"
    name = "no-metrics"
    category = "metrics-gap"
    severity = "MEDIUM"
    scope = "project"
    base_effort = 4.0

    def check(self, ctx: ProjectContext) -> Iterator[Finding]:
        model = ctx.model
        found = imported(model, METRICS)
        ctx.examine("metrics imports", len(found))
        site = app_creation(model)
        if found or site is None or not model.app.of_kind("http"):
            return
        path, line, end = site
        routes = len(model.app.of_kind("http", "websocket"))
        workers = len(model.app.of_kind("worker"))
        pools = [r for r in served_resources(model) if r.kind in ("database", "cache", "broker")]
        description = (
            f"The application created at {path}:{line} serves {routes} routes"
            + (f" and runs {workers} background worker{'s' if workers != 1 else ''}" if workers else "")
            + (f", using {len(pools)} connection pool{'s' if len(pools) != 1 else ''}" if pools else "")
            + ", but no module imports a metrics library: request rates, latencies, error counts, pool usage "
              "and worker progress are not measured anywhere."
        )
        yield self.finding(Location(path, line, end), "no metrics are exported", description)
