"""Scaling and state rules follow the program kind (`model.program_kind`): an aiohttp service may run
as several processes behind a balancer, so state one process keeps is reported with the other
processes that miss it; the same code in a program its user runs as one process (it draws a desktop
or terminal UI and embeds the web server) has no other copy, and RA501, RA502, RA503, RA504, RA506, RA508 and RA513 stay quiet.
RA227 keeps the growth, words it for as long as the cache really lives, and names no replicas there."""
from __future__ import annotations

import textwrap
from pathlib import Path

from conftest import assess

_SERVICE = """\
    import os

    from aiohttp import web

    _visits: dict[str, int] = {}


    class Notes:
        def __init__(self) -> None:
            self.last: dict[str, str] = {}

        def remember(self, user: str, text: str) -> None:
            self.last[user] = text

        def recall(self, user: str) -> str:
            return self.last.get(user, "")


    class Spool:
        def __init__(self, folder: str) -> None:
            self.folder = folder

        def put(self, name: str, data: bytes) -> None:
            with open(os.path.join(self.folder, name), "wb") as out:
                out.write(data)

        def take(self, name: str) -> bytes:
            with open(os.path.join(self.folder, name), "rb") as src:
                return src.read()


    notes = Notes()
    spool = Spool("/var/spool/notes")


    async def visit(request: web.Request) -> web.Response:
        page = request.match_info["page"]
        _visits[page] = _visits.get(page, 0) + 1
        return web.json_response({"seen": _visits[page]})


    async def save(request: web.Request) -> web.Response:
        body = await request.json()
        notes.remember(body["user"], body["text"])
        spool.put(body["name"], body["text"].encode())
        return web.json_response({"ok": True})


    async def show(request: web.Request) -> web.Response:
        user = request.match_info["user"]
        return web.json_response({"text": notes.recall(user), "raw": spool.take(user).decode()})


    def make_app() -> web.Application:
        app = web.Application()
        app.router.add_get("/visit/{page}", visit)
        app.router.add_post("/notes", save)
        app.router.add_get("/notes/{user}", show)
        return app
    """

_WINDOW = """\
    import tkinter

    from .server import make_app


    def main() -> None:
        root = tkinter.Tk()
        root.title("notes")
        root.mainloop()
    """


def _project(root: Path, *, window: bool) -> Path:
    (root / "notes").mkdir()
    (root / "notes" / "__init__.py").write_text("", encoding="utf-8")
    (root / "notes" / "server.py").write_text(textwrap.dedent(_SERVICE), encoding="utf-8")
    if window:
        (root / "notes" / "gui.py").write_text(textwrap.dedent(_WINDOW), encoding="utf-8")
    return root


def _rules(root: Path, *rules: str) -> list:
    return [f for f in assess(root).findings if f.rule in rules]


def test_an_aiohttp_service_keeps_its_scaling_findings(tmp_path) -> None:
    found = _rules(_project(tmp_path, window=False), "RA501", "RA503", "RA513")
    assert {f.rule for f in found} == {"RA501", "RA503", "RA513"}
    state = next(f for f in found if f.rule == "RA501")
    assert "one process unless it is replicated: with replicas, each holds its own copy" in state.description


def test_the_same_server_inside_a_desktop_program_is_one_process(tmp_path) -> None:
    assert _rules(_project(tmp_path, window=True), "RA501", "RA503", "RA513") == []


def test_a_prompting_management_cli_beside_the_server_is_no_terminal_program(tmp_path) -> None:
    root = _project(tmp_path, window=False)
    (root / "notes" / "cli.py").write_text(
        "import sys\n\nfrom prompt_toolkit.validation import ValidationError, Validator\n\n\n"
        "class Port(Validator):\n    def validate(self, document) -> None:\n"
        "        if not document.text.isdigit():\n            raise ValidationError(message='a number')\n",
        encoding="utf-8")
    assert {f.rule for f in _rules(root, "RA501", "RA503", "RA513")} == {"RA501", "RA503", "RA513"}


_LAYERS = """\
    from aiohttp import web


    class StreamMap:
        def __init__(self) -> None:
            self._id_cache: dict[int, int] = {}

        def ours(self, theirs: int) -> int:
            found = self._id_cache.get(theirs)
            if found is None:
                found = theirs + 1
                self._id_cache[theirs] = found
            return found


    class Connection:
        def __init__(self) -> None:
            self.child = StreamMap()

        def on_stream(self, theirs: int) -> int:
            return self.child.ours(theirs)


    _rates_cache: dict[str, float] = {}


    def rate(pair: str) -> float:
        if pair not in _rates_cache:
            _rates_cache[pair] = float(len(pair))
        return _rates_cache[pair]


    async def quote(request: web.Request) -> web.Response:
        return web.json_response({"rate": rate(request.match_info["pair"])})


    def make_app() -> web.Application:
        app = web.Application()
        app.router.add_get("/quote/{pair}", quote)
        return app
    """


def _caches(root: Path, *, terminal: bool) -> dict[str, object]:
    (root / "relay").mkdir()
    (root / "relay" / "__init__.py").write_text("", encoding="utf-8")
    (root / "relay" / "layers.py").write_text(textwrap.dedent(_LAYERS), encoding="utf-8")
    if terminal:
        (root / "relay" / "console.py").write_text("import urwid\n\n\ndef run() -> None:\n"
                                                  "    urwid.MainLoop(urwid.Text('relay')).run()\n", encoding="utf-8")
    return {f.title: f for f in assess(root).findings if f.rule == "RA227"}


def test_cache_of_an_object_held_by_another_lives_as_long_as_it(tmp_path) -> None:
    found = _caches(tmp_path, terminal=False)
    held = next(f for title, f in found.items() if "self._id_cache" in title)
    assert "for as long as its `StreamMap` object lives" in held.description
    assert "life of the process" not in held.description + held.impact
    module = next(f for title, f in found.items() if "_rates_cache" in title)
    assert "for the life of the process" in module.description
    assert "Each replica also holds" in module.impact


def test_cache_in_a_terminal_program_names_no_replicas(tmp_path) -> None:
    found = _caches(tmp_path, terminal=True)
    module = next(f for title, f in found.items() if "_rates_cache" in title)
    assert "for the life of the process" in module.description
    assert "replica" not in module.impact


_OPS = """\
    import asyncio
    import time

    import asyncpg
    from aiohttp import web

    _hits: dict[str, list[float]] = {}
    _maintenance = {"on": False}


    async def ping(request: web.Request) -> web.Response:
        ip = request.remote or ""
        now = time.monotonic()
        times = [t for t in _hits.get(ip, []) if now - t < 60]
        times.append(now)
        _hits[ip] = times
        if len(times) > 30:
            raise web.HTTPTooManyRequests()
        if _maintenance["on"]:
            raise web.HTTPServiceUnavailable()
        return web.json_response({"ok": True})


    async def set_maintenance(request: web.Request) -> web.Response:
        body = await request.json()
        _maintenance["on"] = bool(body["on"])
        return web.json_response({"ok": True})


    async def expire_sessions(app: web.Application) -> None:
        while True:
            await app["pool"].execute("DELETE FROM sessions WHERE expires_at < now()")
            await asyncio.sleep(60)


    async def start_jobs(app: web.Application) -> None:
        app["pool"] = await asyncpg.create_pool("postgresql://localhost/notes")
        app["expiry"] = asyncio.create_task(expire_sessions(app))


    def make_app() -> web.Application:
        app = web.Application()
        app.on_startup.append(start_jobs)
        app.router.add_get("/ping", ping)
        app.router.add_post("/maintenance", set_maintenance)
        return app
    """


def _ops(root: Path, *, window: bool) -> set[str]:
    (root / "ops").mkdir()
    (root / "ops" / "__init__.py").write_text("", encoding="utf-8")
    (root / "ops" / "server.py").write_text(textwrap.dedent(_OPS), encoding="utf-8")
    if window:
        (root / "ops" / "gui.py").write_text("import tkinter\n\n\ndef main() -> None:\n"
                                            "    tkinter.Tk().mainloop()\n", encoding="utf-8")
    return {f.rule for f in assess(root).findings if f.rule in ("RA502", "RA504", "RA506", "RA508")}


def test_a_served_rate_limit_and_startup_job_need_coordination(tmp_path) -> None:
    assert _ops(tmp_path, window=False) == {"RA502", "RA504"}


def test_in_a_desktop_program_they_have_no_other_process_to_miss(tmp_path) -> None:
    assert _ops(tmp_path, window=True) == set()
