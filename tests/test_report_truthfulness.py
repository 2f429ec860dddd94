"""Statements of the two reports checked against the code they describe (audit of real backends:
litestar-fullstack, NiceGUI, JupyterHub): figures count what the heading says, a Tornado route
pattern is read as a path, instance and framework loggers count as logging, and a section named
after FastAPI says when the routes are served by another framework."""
from __future__ import annotations

from pathlib import Path

import pytest

from conftest import assess
from reassess.findings import Finding, Location, fingerprint
from reassess.model.inventories import is_health_route, route_segments
from reassess.model.observability import is_log_call
from reassess.model.scorecard import scorecard
from reassess.report import architecture, code_review, system_sections
from reassess.result import Result, Target
from test_app_model import PROJECTS

TORNADO_HUB = {
    "hub/__init__.py": "",
    "hub/app.py": '''\
from tornado import web
from tornado.log import app_log


class BaseHandler(web.RequestHandler):
    @property
    def log(self):
        return app_log


class HealthCheckHandler(BaseHandler):
    def get(self):
        pass


class MfaStatusHandler(BaseHandler):
    def get(self):
        self.write({"enabled": True})


class UserHandler(BaseHandler):
    async def get(self, name):
        try:
            user = int(name)
        except ValueError:
            self.log.warning("bad user %s", name)
            raise web.HTTPError(400)
        self.write({"user": user})


class ProxyHandler(BaseHandler):
    async def post(self):
        try:
            await self.flush()
        except OSError:
            app_log.error("flush failed")
        self.finish()


def make_app():
    return web.Application([
        (r"/health$", HealthCheckHandler),
        (r"/api/mfa/status", MfaStatusHandler),
        (r"/api/users/([^/]+)", UserHandler),
        (r"/api/proxy", ProxyHandler),
    ])
''',
}


@pytest.fixture(scope="module")
def hub(tmp_path_factory):
    root = tmp_path_factory.mktemp("tornado_hub")
    for name, text in TORNADO_HUB.items():
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).write_text(text, encoding="utf-8")
    return assess(root)


def test_route_patterns_are_read_as_paths():
    assert route_segments(r"/health$") == ["health"]
    assert route_segments(r"^/api/?$") == ["api"]
    assert route_segments(r"/metrics/?") == ["metrics"]
    assert is_health_route(r"/health$") and is_health_route(r"/api/health$") and is_health_route("/api/v1/status")
    # `status` or `ping` under a resource is that resource's state, not a probe of the service
    assert not is_health_route("/api/mfa/status") and not is_health_route("/jobs/{job_id}/status")


def test_instance_and_framework_loggers_count_as_logging():
    assert is_log_call("self.log.warning") and is_log_call("tornado.log.app_log.error")
    assert is_log_call("self.logger.info") and is_log_call("logging.getLogger.exception")
    assert not is_log_call("math.log") and not is_log_call("self.items.error") and not is_log_call("print")


def test_tornado_health_route_and_self_log_in_the_architecture_report(hub):
    health = hub.system["inventories"]["health_checks"]
    assert [e["route"] for e in health["endpoints"]] == ["/health$"]  # `/api/mfa/status` is no probe
    text = architecture.render(hub)
    assert "| GET /health$ | `hub/app.py:12` | liveness | nothing (static response) | no |" in text
    assert "No health or readiness endpoint was found" not in text
    obs = hub.system["inventories"]["observability"]
    assert (obs["except_handlers"], obs["except_logged"]) == (2, 2)  # `self.log.warning`, `app_log.error`
    assert "- Except blocks: 2; 2 log, 0 re-raise without logging, 0 do neither." in text


def test_fastapi_section_names_the_framework_really_used(hub):
    review = code_review.render(hub)
    section = review.split("### FastAPI best practices", 1)[1].split("###", 1)[0]
    assert "served by Tornado (4 of 4 routes), not FastAPI" in section
    litestar = code_review.render(assess(PROJECTS / "litestar_app"))
    section = litestar.split("### FastAPI best practices", 1)[1].split("###", 1)[0]
    assert "served by Litestar (" in section and "not FastAPI" in section


def _finding(rule, category, severity, priority, report, line, hours):
    finding = Finding(rule=rule, category=category, severity=severity, title=f"{category} at {line}",
                      location=Location("app/x.py", line, line), description="d", impact="i.", recommendation="r",
                      report=report, effort_hours=hours, evidence="x = 1", priority=priority)
    finding.fingerprint = fingerprint(rule, "app/x.py", f"x = {line}", 0)
    return finding


def test_summary_and_concerns_count_the_findings_this_report_shows():
    arch = _finding("RA301", "sync-io-in-async", "LOW", "P2", "architecture", 1, 1.0)
    dup = _finding("RA801", "duplicate-code", "HIGH", "P1", "code-review", 2, 3.5)  # shown in section 1
    other = _finding("RA855", "missing-type-hints", "HIGH", "P1", "code-review", 3, 8.0)  # code review only
    result = Result(Target("app", None, 1, 10), [dup, other, arch], rules_run=["RA301", "RA801", "RA855"])
    text = architecture.render(result)
    assert "| HIGH | 2 | 1 |" in text and "| LOW | 1 | 1 |" in text
    # the effort counts the P0/P1 findings of this report (3.5 h), not the code review's (8 h)
    assert "Estimated effort for the 1 P0 and P1 findings of this report: 3.5 hours" in text
    concerns = text.split("## Architectural Concerns", 1)[1].split("\n## ", 1)[0]
    assert "| A-01 | LOW | P2 | sync-io-in-async |" in concerns
    assert "| A-02 | HIGH | P1 | duplicate-code |" in concerns and "missing-type-hints" not in concerns
    assert "1. **A-02 duplicate-code at 2** (P1, 3.5 h)" in text


def test_component_counts_tell_workers_jobs_and_tasks_apart():
    workers = [{"kind": "worker", "function": "m.loop"}, {"kind": "job", "function": "m.purge"},
               {"kind": "task", "function": "m.notify"}, {"kind": "task", "function": "m.notify"},
               {"kind": "task", "function": "m.loop"}]
    result = Result(Target("app", None, 1, 10), [], components=[{"id": "c", "kind": "client", "name": "HTTP clients"}],
                    system={"inventories": {"workers": workers, "routes": [], "websockets": []}})
    text = system_sections.component_diagram(result)
    assert "1 background worker, 1 scheduled or queued job, 1 other coroutine started as tasks" in text


def test_timeout_score_does_not_call_an_unknown_default_a_value_set():
    rows = [{"scope": "pool", "bounded": True}, {"scope": "pool", "bounded": None}]
    obs = {"except_logged": 0, "except_reraised": 0, "except_handlers": 0, "except_silent": [], "logging_setup": [],
           "metrics": [], "metrics_routes": [], "tracing": [], "correlation_ids": []}
    inv = {"timeouts": rows, "health_checks": {"endpoints": [], "dependencies": [], "unprobed": []},
           "observability": obs, "stateful_components": [], "worker_coordination": []}
    basis = scorecard(inv)[0]["basis"]
    assert "set from values" not in basis
    assert "1 whose effective limit cannot be known from the code" in basis
