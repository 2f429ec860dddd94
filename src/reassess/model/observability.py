"""Observability facts: logging setup and coverage (except blocks, entry points, print()),
metrics hooks, tracing and correlation ids, counted from the model (test code excluded)."""
from __future__ import annotations

import re
from functools import lru_cache
from typing import TYPE_CHECKING, Any

from ..knowledge.logs import LOG_METHODS, names_logger
from .app import is_test_path
from .inventories import route_segments

if TYPE_CHECKING:
    from .project import ProjectModel

LOG_SETUP = ("logging.basicConfig", "logging.config.dictConfig", "logging.config.fileConfig", "structlog.configure",
             "loguru.logger.add", "logging.getLogger.addHandler", "logging.getLogger.setLevel")
METRICS_LIBS = ("prometheus_client", "prometheus_fastapi_instrumentator", "starlette_exporter", "aioprometheus",
                "statsd", "datadog", "opentelemetry.metrics", "starlette_prometheus")
TRACING_LIBS = ("opentelemetry", "ddtrace", "sentry_sdk", "elasticapm", "jaeger_client", "py_zipkin", "aws_xray_sdk",
                "newrelic", "honeycomb", "logfire")
CORRELATION = re.compile(r"(x-)?(request|correlation|trace)[-_]?id", re.I)


def is_log_call(name: str) -> bool:
    """`<logger>.<level>(...)` where the receiver names a logger (`knowledge.logs.names_logger`, the
    receiver test the error-handling rules apply too): `logging`/`structlog`/`loguru`, a
    `logger`/`log` name, a framework's logger (`tornado.log.app_log.warning`), an instance's
    (`self.log.info`) or a project module logger imported elsewhere (`log.warning`). Unlike those
    rules it does not count a project's level wrapper (`self.log("error", ...)`) or console writes."""
    receiver, _, last = name.rpartition(".")
    return last in LOG_METHODS and names_logger(receiver)


def observability(model: "ProjectModel") -> dict[str, Any]:
    logs = _logging(model)
    logging_functions = logs.pop("logging_functions")
    entries = [e for e in model.app.entrypoints if e.kind in ("http", "websocket", "worker", "job")]
    imports = _imports(model)
    return {
        **logs,
        "modules_with_logger": sum(1 for m in model.modules.values() if not is_test_path(m.path) and any(
            isinstance(a.value, dict) and str(a.value.get("call", "")).endswith("getLogger")
            for a in m.assigns.values())),
        "modules": sum(1 for m in model.modules.values() if not is_test_path(m.path) and m.functions),
        "entry_points": len(entries),
        "entry_points_logging": sum(1 for e in entries if _logs_within(model, e.function, logging_functions)),
        "metrics": sorted({f"{name} ({where})" for name, where in imports if name in METRICS_LIBS}),
        "tracing": sorted({f"{name} ({where})" for name, where in imports
                           if name.split(".")[0] in TRACING_LIBS and name not in METRICS_LIBS}),
        "metrics_routes": [e.route for e in model.app.of_kind("http") if route_segments(e.route)[-1:] == ["metrics"]],
        "correlation_ids": _correlation(model),
    }


def _logging(model: "ProjectModel") -> dict[str, Any]:
    """Logging setup calls, print() calls, and how every except block ends (logs, re-raises, neither)."""
    setup: list[str] = []
    prints: list[str] = []
    silent: list[str] = []
    counts = {"handlers": 0, "logged": 0, "reraised": 0}
    logging_functions: set[str] = set()
    for fq, facts, func in model.iter_functions():
        if is_test_path(facts.path):
            continue
        edges = model.edges.get(fq, ())
        log_lines = {e.site.line for e in edges
                     if e.target.kind in ("external", "unresolved") and is_log_call(e.target.name)}
        if log_lines:
            logging_functions.add(fq)
        prints += _prints(facts.path, edges)
        setup += [f"{facts.path}:{e.site.line}" for e in edges if e.target.name in LOG_SETUP]
        silent += _handlers(facts.path, func.extra.get("blocks", ()), log_lines, counts)
    for module, edges in model.module_edges.items():
        path = model.modules[module].path
        if not is_test_path(path):
            setup += [f"{path}:{e.site.line}" for e in edges if e.target.name in LOG_SETUP]
            prints += _prints(path, edges)
    return {"logging_setup": sorted(set(setup)), "print_calls": sorted(prints),
            "except_handlers": counts["handlers"], "except_logged": counts["logged"],
            "except_reraised": counts["reraised"], "except_silent": silent, "logging_functions": logging_functions}


def _handlers(path: str, blocks: Any, log_lines: set[int], counts: dict[str, int]) -> list[str]:
    """Count one function's except blocks by how they end; return the silent ones."""
    raises = [b["line"] for b in blocks if b.get("kind") == "raise"]
    silent = []
    for block in (b for b in blocks if b.get("kind") == "except"):
        counts["handlers"] += 1
        inside = range(block["line"], block.get("end", block["line"]) + 1)
        if any(line in inside for line in log_lines):
            counts["logged"] += 1
        elif any(line in inside for line in raises):
            counts["reraised"] += 1
        else:
            silent.append(f"{path}:{block['line']}")
    return silent


def _prints(path: str, edges: Any) -> list[str]:
    return [f"{path}:{e.site.line}" for e in edges if e.target.kind == "builtin" and e.target.name == "print"]


def _logs_within(model: "ProjectModel", fq: str, logging_functions: set[str]) -> bool:
    """The entry function logs itself or through a call one level down."""
    if fq in logging_functions:
        return True
    return any(model.callee_function(e.target) in logging_functions for e in model.edges.get(fq, ()))


def _imports(model: "ProjectModel") -> list[tuple[str, str]]:
    out = []
    for facts in model.modules.values():
        if is_test_path(facts.path):
            continue
        for imp in facts.imports:
            if imp.level == 0 and imp.module:
                out.append((_library(imp.module), f"{facts.path}:{imp.line}"))
    return out


@lru_cache(maxsize=65536)  # one answer per imported module name, asked for every import
def _library(module: str) -> str:
    for known in METRICS_LIBS + TRACING_LIBS:
        if module == known or module.startswith(known + "."):
            return known
    return module


def _correlation(model: "ProjectModel") -> list[str]:
    """Call sites passing a request/correlation id header or context variable name, and
    asgi-correlation-id imports."""
    found = []
    for fq, facts, func in model.iter_functions():
        if is_test_path(facts.path):
            continue
        for site in func.calls:
            if _names_correlation(site):
                found.append(f"{facts.path}:{site.line}")
    for facts in model.modules.values():
        if any(imp.module.startswith("asgi_correlation_id") for imp in facts.imports):
            found.append(f"{facts.path}: asgi_correlation_id")
    return sorted(set(found))[:50]


def _names_correlation(site: Any) -> bool:
    """A string argument names a request/correlation id. Plain loops: this runs for every
    call site of the project, and most arguments are not strings."""
    for value in site.args:
        if isinstance(value, str) and _names_id(value):
            return True
    for value in site.kwargs.values():
        if isinstance(value, str) and _names_id(value):
            return True
    return False


@lru_cache(maxsize=65536)  # string arguments recur (header names, log messages)
def _names_id(text: str) -> bool:
    return CORRELATION.search(text) is not None
