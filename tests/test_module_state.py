"""RA501 on small projects: states one statement binds are one finding; a job's whole-value
refresh of a per-process snapshot and a memo filled under `global` are not state; a counter the
job builds from its old value, or the time of its last run, is."""
from __future__ import annotations

import textwrap
from pathlib import Path

from conftest import assess


def _project(root: Path, source: str) -> Path:
    (root / "svc").mkdir()
    (root / "svc" / "__init__.py").write_text("", encoding="utf-8")
    (root / "svc" / "main.py").write_text(textwrap.dedent(source), encoding="utf-8")
    return root


def _ra501(root: Path) -> list:
    return [f for f in assess(root).findings if f.rule == "RA501"]


def test_states_bound_in_one_statement_are_one_finding(tmp_path) -> None:
    found = _ra501(_project(tmp_path, """\
        from fastapi import FastAPI

        app = FastAPI()
        _hits, _seen = [], {}


        @app.post("/visit/{page}")
        async def visit(page: str) -> dict:
            _hits.append(page)
            _seen[page] = len(_hits)
            return {"ok": True}
        """))
    assert len(found) == 1
    assert found[0].location.start_line == 4
    assert "`_hits`, `_seen` are mutated" in found[0].title
    assert {loc.start_line for loc in found[0].related_locations} == {9, 10}


REFRESH = """\
    import asyncio
    from contextlib import asynccontextmanager

    import httpx
    from fastapi import FastAPI

    _rates = {}
    _runs = 0
    _last_at = None


    async def refresh_rates() -> None:
        global _rates, _runs, _last_at
        while True:
            async with httpx.AsyncClient() as client:
                fresh = (await client.get("https://rates.example.com/latest")).json()
            _rates = fresh
            {counter}
            await asyncio.sleep(60)


    @asynccontextmanager
    async def lifespan(app):
        task = asyncio.create_task(refresh_rates())
        yield
        task.cancel()


    app = FastAPI(lifespan=lifespan)


    @app.get("/rates")
    async def rates() -> dict:
        return {"rates": _rates, "runs": _runs}
    """


def test_a_job_replacing_its_snapshot_whole_is_not_state(tmp_path) -> None:
    assert _ra501(_project(tmp_path, REFRESH.replace("{counter}", "pass"))) == []


def test_a_job_counting_from_the_old_value_is_state(tmp_path) -> None:
    found = _ra501(_project(tmp_path, REFRESH.replace("{counter}", "_runs += 1")))
    assert [f.location.start_line for f in found] == [8]


def test_a_job_stamping_its_last_run_is_state(tmp_path) -> None:
    found = _ra501(_project(tmp_path, REFRESH.replace("{counter}", "_last_at = time.time()")
                            .replace("import asyncio\n", "import asyncio\n    import time\n")))
    assert [f.location.start_line for f in found] == [10]


def test_a_memo_filled_under_global_is_not_a_rebinding(tmp_path) -> None:
    assert _ra501(_project(tmp_path, """\
        from fastapi import FastAPI

        app = FastAPI()
        _templates = {}


        def load(name: str) -> str:
            return name.upper()


        def template(name: str) -> str:
            global _templates
            if name not in _templates:
                _templates[name] = load(name)
            return _templates[name]


        @app.get("/t/{name}")
        def show(name: str) -> dict:
            return {"body": template(name)}
        """)) == []


LOCKED_WRITES = """\
    import threading

    from fastapi import FastAPI

    app = FastAPI()
    _seen_lock = threading.Lock()
    _seen = {}
    _hits = {}


    @app.post("/seen/{user}")
    def mark_seen(user: str) -> dict:
        with _seen_lock:
            _seen[user] = True
        _hits[user] = _hits.get(user, 0) + 1
        return {"ok": True}
    """


def test_writes_under_a_lock_are_not_said_to_interleave(tmp_path) -> None:
    """A sync endpoint runs in the thread pool: writes to module state can interleave, unless
    every write holds a lock (`with _seen_lock: _seen[user] = True`); still one copy per process."""
    found = {f.location.start_line: f for f in _ra501(_project(tmp_path, LOCKED_WRITES))}
    assert set(found) == {7, 8}
    assert "writes can interleave" not in found[7].description
    assert "Every worker process holds its own copy" in found[7].description
    assert "writes can interleave" in found[8].description


EMBEDDED = """\
    from aiohttp import web

    _sessions = {}
    routes = web.RouteTableDef()


    @routes.post("/login/{user}")
    async def login(request: web.Request) -> web.Response:
        _sessions[request.match_info["user"]] = request.remote
        return web.json_response({"ok": True})


    def main() -> None:
        app = web.Application()
        app.add_routes(routes)
        web.run_app(app)
    """


def test_state_served_only_by_an_embedded_server_is_worded_for_replicas(tmp_path) -> None:
    """An aiohttp server the program runs itself is one process unless replicated: the finding
    says so rather than speaking of a server's worker processes."""
    found = _ra501(_project(tmp_path, EMBEDDED))
    assert [f.location.start_line for f in found] == [3]
    assert "the aiohttp server it runs itself, one process unless it is replicated" in found[0].description
    assert "Every worker process" not in found[0].description


UNSERVED = """\
    import asyncio

    _snaps = []


    async def take_snapshot() -> None:
        while True:
            _snaps.append(len(asyncio.all_tasks()))
            await asyncio.sleep(60)
    """


def test_state_no_request_writes_is_not_said_to_be_seen_by_requests(tmp_path) -> None:
    """State only a coroutine nothing serves writes: no request stores it, so the text speaks of
    the process that runs the code, not of requests."""
    found = _ra501(_project(tmp_path, UNSERVED))
    assert [f.location.start_line for f in found] == [3]
    assert "Each process that runs this code holds its own copy" in found[0].description
    assert "request" not in found[0].description.split("Each process")[1]
