"""Which observability libraries a project imports: metrics exporters and tracers."""
from __future__ import annotations

from ...model.project import ProjectModel
from ...model.app import is_test_path

METRICS = ("prometheus_client", "prometheus_fastapi_instrumentator", "starlette_exporter", "starlette_prometheus",
           "aioprometheus", "statsd", "aiodogstatsd", "datadog", "opentelemetry.metrics",
           "opentelemetry.instrumentation", "opentelemetry.sdk.metrics", "pyformance", "newrelic", "elasticapm",
           "sentry_sdk", "ddtrace", "fastapi_prometheus", "prometheus_async", "influxdb_client")
TRACING = ("opentelemetry", "ddtrace", "elasticapm", "newrelic", "jaeger_client", "py_zipkin", "zipkin",
           "aws_xray_sdk", "sentry_sdk", "honeycomb", "beeline", "logfire", "scout_apm")


def imported(model: ProjectModel, prefixes: tuple[str, ...]) -> list[tuple[str, int, str]]:
    """(path, line, module) of every non-test import of a module starting with one of the prefixes."""
    out = []
    heads = {p.split(".")[0] for p in prefixes}  # a match starts with one of these packages
    for facts in model.modules.values():
        if is_test_path(facts.path):
            continue
        for imp in facts.imports:
            name = imp.module if imp.level == 0 else ""
            if name.partition(".")[0] not in heads:
                continue  # most imports: checked without trying every prefix
            full = f"{name}.{imp.name}" if imp.name and name else name
            if any(full == p or full.startswith(p + ".") or name == p or name.startswith(p + ".")
                   for p in prefixes):
                out.append((facts.path, imp.line, name))
    return sorted(out)
