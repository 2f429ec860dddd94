"""Related locations that name the line a reader looks for beside the cited one: where a probe
answers healthy, where a constructor switches its timeout off, where request paths set off towards
an unguarded dependency (exact lines on small rule-case projects)."""
from __future__ import annotations

from pathlib import Path

import pytest

from conftest import assess

CASES = Path(__file__).parent / "cases"


def _related(folder: str, rule: str) -> dict[tuple[str, int], set[tuple[str, int]]]:
    result = assess(CASES / folder)
    return {(f.location.path, f.location.start_line): {(r.path, r.start_line) for r in f.related_locations}
            for f in result.findings if f.rule == rule}


def _line(folder: str, path: str, text: str) -> int:
    lines = (CASES / folder / path).read_text(encoding="utf-8").splitlines()
    return next(number for number, line in enumerate(lines, 1) if text in line)


def test_static_probe_names_its_route_and_answer():
    folder = "health-check-gap@awaited-probes"
    found = _related(folder, "RA611")
    path = "fleet/ops.py"
    cited = (path, _line(folder, path, 'return {"status": "ok", "checks": results}'))
    assert cited in found
    assert {(path, _line(folder, path, '@router.get("/ready")')),
            (path, _line(folder, path, "async def ready() -> dict:"))} <= found[cited]


@pytest.fixture(scope="module")
def disabled_timeout(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("disabled") / "svc"
    root.mkdir()
    (root / "__init__.py").write_text("")
    (root / "client.py").write_text(
        "import httpx\n\n\n"
        "class Partner:\n"
        "    def __init__(self) -> None:\n"
        "        self._http = httpx.AsyncClient(\n"
        "            base_url=\"https://partner.example.com\",\n"
        "            timeout=None,\n"
        "        )\n\n"
        "    async def get(self, key: str) -> dict:\n"
        "        return (await self._http.get(f\"/items/{key}\")).json()\n"
    )
    return root.parent


def test_disabled_timeout_names_the_keyword_line(disabled_timeout):
    result = assess(disabled_timeout)
    found = [f for f in result.findings if f.rule == "RA401"]
    # the line that switches the limit off is cited; the constructor is named beside it
    assert [(f.location.path, f.location.start_line) for f in found] == [("svc/client.py", 8)]
    assert ("svc/client.py", 6) in {(r.path, r.start_line) for r in found[0].related_locations}


def test_unguarded_dependency_names_where_requests_set_off():
    folder = "no-circuit-breaker"
    found = _related(folder, "RA411")
    path = "svc/main.py"
    hops = {(path, _line(folder, path, "return await profiles.profile(user_id)")),
            (path, _line(folder, path, "return await profiles.profile(user_id + 1)"))}
    assert any(hops <= related for related in found.values())


def test_job_in_every_replica_cited_where_each_round_starts():
    folder = "worker-coordination@factory-param"
    found = _related(folder, "RA504")
    path = "carts/jobs.py"
    cited = (path, _line(folder, path, "removed = await service.expire_abandoned()"))
    assert cited in found  # the round's work inside the job; the start in the lifespan beside it
    assert ("carts/main.py", _line(folder, "carts/main.py", 'asyncio.create_task(expiry, name="cart-expiry")')) \
        in found[cited]


def test_host_also_called_outside_its_class_keeps_its_own_name():
    # BetaTracker's host is also posted to by a route: a service of its own, not "Tracker implementations"
    result = assess(CASES / "no-fallback@family-host-called-directly")
    titles = {(f.location.path, f.location.start_line): f.title for f in result.findings if f.rule == "RA412"}
    folder, path = "no-fallback@family-host-called-directly", "tickets/app/routes.py"
    assert titles[(path, _line(folder, path, "client.post("))] == "no fallback when a call to beta.example.com fails"
    assert not any("implementations" in title for title in titles.values())
