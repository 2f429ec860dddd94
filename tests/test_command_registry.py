"""Commands a websocket endpoint looks up in a project registry (model/command_registry.py): the
functions stored into the dict it reads - by a registrar method called with a name and a handler,
by a scan registering each function a marking decorator tagged, or by a decorator that stores
what it decorates - are websocket entries of that endpoint, named by their command. A registry
filled the same way that no endpoint reads adds nothing."""
from __future__ import annotations

from pathlib import Path

import pytest

from conftest import assess
from test_app_model import build_model

FILES = {
    "__init__.py": "",
    "api.py": (
        "def api_command(name):\n"
        "    def decorate(func):\n"
        "        func.api_cmd = name\n"
        "        return func\n"
        "    return decorate\n\n\n"
        "class Handler:\n"
        "    def __init__(self, command, target):\n"
        "        self.command = command\n"
        "        self.target = target\n"),
    "players.py": (
        "import time\n\n"
        "from .api import api_command\n\n\n"
        "class Players:\n"
        "    @api_command('players/all')\n"
        "    async def all_players(self):\n"
        "        time.sleep(1)\n"
        "        return []\n\n"
        "    @api_command('players/get')\n"
        "    async def get_player(self, player_id):\n"
        "        return {'id': player_id}\n\n"
        "    async def helper(self):\n"
        "        time.sleep(1)\n"),
    "console.py": (
        "import subprocess\n\n"
        "from .api import api_command\n\n\n"
        "class Console:\n"
        "    @api_command('console/edit')\n"
        "    def edit(self, path):\n"
        "        subprocess.call(['vi', path])\n"),
    "hooks.py": (
        "HOOKS = {}\n"
        "SEEN = {}\n\n\n"
        "def hook(fn):\n"
        "    HOOKS[fn.__name__] = fn\n"
        "    return fn\n\n\n"
        "def remember(fn):\n"
        "    SEEN[fn.__name__] = fn\n"
        "    return fn\n\n\n"
        "@hook\n"
        "async def ping():\n"
        "    return 'pong'\n\n\n"
        "@remember\n"
        "async def cleanup():\n"
        "    return None\n\n\n"
        "def run_seen(name):\n"
        "    return SEEN[name]()\n"),
    "server.py": (
        "from .api import Handler\n"
        "from .players import Players\n\n\n"
        "class Server:\n"
        "    def __init__(self):\n"
        "        self.handlers = {}\n"
        "        self.players = Players()\n\n"
        "    def register(self, command, handler):\n"
        "        self.handlers[command] = Handler(command, handler)\n\n"
        "    def setup(self):\n"
        "        for obj in (self.players,):\n"
        "            for attr in dir(obj):\n"
        "                found = getattr(obj, attr)\n"
        "                if hasattr(found, 'api_cmd'):\n"
        "                    self.register(found.api_cmd, found)\n"
        "        self.register('server/info', self.info)\n\n"
        "    async def info(self):\n"
        "        return {}\n\n\n"
        "SERVER = Server()\n"),
    "app.py": (
        "from aiohttp import web\n\n"
        "from .hooks import HOOKS\n"
        "from .server import SERVER\n\n\n"
        "async def ws(request):\n"
        "    sock = web.WebSocketResponse()\n"
        "    await sock.prepare(request)\n"
        "    async for msg in sock:\n"
        "        data = msg.json()\n"
        "        handler = SERVER.handlers.get(data['command'])\n"
        "        if handler is not None:\n"
        "            await sock.send_json(await handler.target(**data['args']))\n"
        "        elif data['command'] in HOOKS:\n"
        "            await sock.send_json(await HOOKS[data['command']]())\n"
        "    return sock\n\n\n"
        "def make_app():\n"
        "    SERVER.setup()\n"
        "    app = web.Application()\n"
        "    app.router.add_get('/ws', ws)\n"
        "    return app\n"),
}


@pytest.fixture(scope="module")
def project(tmp_path_factory):
    root = tmp_path_factory.mktemp("commands")
    pkg = root / "svc"
    pkg.mkdir()
    for name, text in FILES.items():
        (pkg / name).write_text(text)
    return root


def test_registered_commands_are_entries_of_the_endpoint_that_looks_them_up(project):
    app = build_model(project).app
    found = {(e.details["command"], e.function.rsplit(".", 1)[-1], e.route, e.details["endpoint"])
             for e in app.of_kind("websocket") if e.details.get("command")}
    assert found == {
        ("players/all", "all_players", "/ws", "websocket /ws"),  # marked by @api_command, registered by the scan
        ("players/get", "get_player", "/ws", "websocket /ws"),
        ("server/info", "info", "/ws", "websocket /ws"),  # self.register("server/info", self.info)
        ("ping", "ping", "/ws", "websocket /ws"),  # @hook stores it under its __name__
    }
    # `cleanup` sits in a registry no endpoint reads; an unmarked method is no command; the marked
    # method of a module the web process never imports (another program's command) is none of its own
    assert not {e.function for e in app.entrypoints} & {"svc.hooks.cleanup", "svc.players.Players.helper",
                                                        "svc.console.Console.edit"}


def test_blocking_call_in_a_command_is_attributed_to_the_endpoint(project):
    """The command's sleep blocks the loop for the endpoint's requests (HIGH, the command named);
    the same call in a method no command reaches stays at the unreached coroutine's MEDIUM."""
    found = {f.location.start_line: f for f in assess(project).findings if f.rule == "RA301"
             and f.location.path == "svc/players.py"}
    assert str(found[9].severity).upper().endswith("HIGH") and "websocket command players/all (/ws)" in found[9].description
    assert str(found[17].severity).upper().endswith("MEDIUM") and "command" not in found[17].description
