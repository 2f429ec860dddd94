"""aiohttp app storage in the call graph: `request.app[HUB].join(...)` calls the method of what the
app stored under HUB (`app[HUB] = ChatHub(...)`), whether the key is a typed `web.AppKey` or a
string, read inline or through a local, and a key with nothing stored under it is typed by its
declaration. A read the model cannot tie to one key stays unresolved."""
from __future__ import annotations

from pathlib import Path

from test_app_model import build_model


def _write(root: Path, files: dict[str, str]) -> None:
    pkg = root / "svc"
    pkg.mkdir()
    (pkg / "__init__.py").write_text("")
    for name, text in files.items():
        (pkg / name).write_text(text)


_SERVICES = (
    "from dataclasses import dataclass\n\n"
    "from aiohttp import web\n\n\n"
    "class ChatHub:\n"
    "    async def join(self, room, member):\n        pass\n\n"
    "    async def relay(self):\n        pass\n\n\n"
    "class Throttle:\n"
    "    def hit(self, ip):\n        return True\n\n\n"
    "class Mailer:\n"
    "    async def send(self, to):\n        pass\n\n\n"
    "@dataclass\n"
    "class Container:\n"
    "    throttle: Throttle\n\n\n"
    "HUB = web.AppKey('hub', ChatHub)\n"
    "CONTAINER = web.AppKey('container', Container)\n"
    "MAILER = web.AppKey('mailer', Mailer)\n"
)

_APP = (
    "import asyncio\n\n"
    "from aiohttp import web\n\n"
    "from svc.services import CONTAINER, HUB, MAILER, ChatHub, Container, Throttle\n\n\n"
    "async def setup(app):\n"
    "    app[HUB] = ChatHub()\n"
    "    app[CONTAINER] = Container(Throttle())\n"
    "    app['legacy'] = ChatHub()\n"
    "    app['tasks'] = {}\n"
    "    app['tasks']['relay'] = asyncio.create_task(app[HUB].relay())\n"
    "    yield\n\n\n"
    "async def chat(request):\n"
    "    hub = request.app[HUB]\n"
    "    await hub.join(1, None)\n"
    "    await request.app['legacy'].join(2, None)\n"
    "    await request.config_dict[HUB].join(3, None)\n"
    "    throttle = request.app[CONTAINER].throttle\n"
    "    throttle.hit(request.remote)\n"
    "    await request.app[MAILER].send('a@b.c')\n"
    "    return web.Response()\n"
)


def _targets(model, fq: str) -> dict[tuple[int, str], str]:
    return {(e.site.line, e.site.name): e.target.name for e in model.edges[fq] if e.target.kind == "function"}


def _line(snippet: str) -> int:
    return next(n for n, text in enumerate(_APP.splitlines(), 1) if snippet in text)


def test_reads_of_app_storage_call_what_was_stored(tmp_path):
    _write(tmp_path, {"services.py": _SERVICES, "app.py": _APP})
    targets = _targets(build_model(tmp_path), "svc.app.chat")
    assert targets[(_line("await hub.join"), "hub.join")] == "svc.services.ChatHub.join"  # `hub = request.app[HUB]`
    assert targets[(_line("['legacy'].join"), "request.app.[].join")] == "svc.services.ChatHub.join"  # a string key
    assert targets[(_line("config_dict"), "request.config_dict.[].join")] == "svc.services.ChatHub.join"
    assert targets[(_line("throttle.hit"), "throttle.hit")] == "svc.services.Throttle.hit"  # a dataclass field
    # nothing stored under MAILER: typed by its declaration, `web.AppKey('mailer', Mailer)`
    assert targets[(_line("[MAILER].send"), "request.app.[].send")] == "svc.services.Mailer.send"


def test_a_line_with_two_keys_is_read_at_the_call(tmp_path):
    """`app['tasks']['relay'] = asyncio.create_task(app[HUB].relay())`: the call's own subscript decides."""
    _write(tmp_path, {"services.py": _SERVICES, "app.py": _APP})
    model = build_model(tmp_path)
    assert _targets(model, "svc.app.setup")[(_line("[HUB].relay()"), "app.[].relay")] == "svc.services.ChatHub.relay"
    assert [e.function for e in model.app.of_kind("worker", "task")] == ["svc.services.ChatHub.relay"]


def test_a_key_read_by_a_computed_name_stays_unresolved(tmp_path):
    _write(tmp_path, {"services.py": _SERVICES, "app.py": _APP + (
        "\n\nasync def pick(request, name):\n"
        "    await request.app[name].join(4, None)\n"
        "    await request.app[HUB + '2'].join(5, None)\n")})
    model = build_model(tmp_path)
    assert {e.target.kind for e in model.edges["svc.app.pick"] if e.site.name.endswith(".join")} == {"unresolved"}
