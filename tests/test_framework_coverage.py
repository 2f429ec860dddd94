"""Framework coverage in the architecture report and findings.json: which frameworks serve the
code as far as the model knows, and a plain note when a module imports a web/RPC/job framework whose
entry points this version does not recognise (no note for FastAPI, a neutral line for a library)."""
from __future__ import annotations

import json
from pathlib import Path

from conftest import assess

from reassess.report import architecture, json_report


def _write(root: Path, files: dict[str, str]) -> None:
    for name, text in files.items():
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).write_text(text, encoding="utf-8")


def _summary(result) -> str:
    text = architecture.render(result, run_date="2026-01-01")
    return text.split("## Component Diagram", 1)[0]


def test_flask_project_gets_the_note(tmp_path: Path):
    _write(tmp_path, {
        "app/__init__.py": "",
        "app/views.py": "import time\nfrom flask import Flask, jsonify\n\napp = Flask(__name__)\n\n\n"
                        "@app.route('/orders')\ndef orders():\n    time.sleep(1)\n    return jsonify([])\n",
        "tests/test_views.py": "from flask import Flask\n",
    })
    result = assess(tmp_path)
    coverage = result.system["frameworks"]
    assert coverage["served_by"] == []
    assert coverage["unrecognised"] == [{"name": "Flask", "package": "flask", "what": "views", "modules": 1,
                                         "imported_at": "app/views.py:2"}]
    summary = _summary(result)
    assert "Flask is imported (app/views.py:2): Flask views are not recognised as entry points" in summary
    assert "did not examine them" in summary
    data = json.loads(json_report.render(result))
    assert any("Flask views are not recognised" in line for line in data["frameworks"]["coverage"])


def test_django_project_gets_the_note(tmp_path: Path):
    _write(tmp_path, {
        "shop/views.py": "from django.http import JsonResponse\n\n\ndef orders(request):\n"
                         "    return JsonResponse({})\n",
        "shop/urls.py": "from django.urls import path\nfrom . import views\n\n"
                        "urlpatterns = [path('orders/', views.orders)]\n",
    })
    summary = _summary(assess(tmp_path))
    assert "Django is imported (shop/urls.py:1 and 1 more module): Django views, URL patterns and management " \
           "commands are not recognised as entry points" in summary


def test_fastapi_project_gets_no_note(tmp_path: Path):
    _write(tmp_path, {
        "main.py": "from fastapi import FastAPI\n\napp = FastAPI()\n\n\n@app.get('/items')\n"
                   "async def items():\n    return []\n\n\n@app.websocket('/ws')\nasync def ws(socket):\n"
                   "    await socket.accept()\n",
    })
    result = assess(tmp_path)
    coverage = result.system["frameworks"]
    assert coverage["unrecognised"] == [] and coverage["imported_without_entries"] == []
    assert coverage["served_by"] == [{"name": "FastAPI", "entries": {"http": 1, "websocket": 1},
                                      "imported_at": "main.py:1"}]
    summary = _summary(result)
    assert "FastAPI: 1 HTTP route, 1 websocket endpoint." in summary
    assert "not recognised" not in summary and "no FastAPI entry point" not in summary


def test_starlette_project_is_served_by_starlette_alone(tmp_path: Path):
    _write(tmp_path, {
        "main.py": "from starlette.applications import Starlette\nfrom starlette.routing import Route\n\n\n"
                   "async def items(request):\n    return None\n\n\napp = Starlette(routes=[Route('/items', items)])\n",
    })
    coverage = assess(tmp_path).system["frameworks"]
    assert coverage["imported_without_entries"] == []
    assert coverage["served_by"] == [{"name": "Starlette", "entries": {"http": 1}, "imported_at": "main.py:1"}]


def test_library_gets_a_neutral_line(tmp_path: Path):
    _write(tmp_path, {"lib/__init__.py": "", "lib/maths.py": "import json\n\n\ndef add(a, b):\n    return a + b\n"})
    summary = _summary(assess(tmp_path))
    assert "no web, RPC or job framework is imported" in summary
    assert "not recognised" not in summary and "is imported (" not in summary


def test_grpc_client_is_no_server(tmp_path: Path):
    _write(tmp_path, {
        "client.py": "import grpc\n\n\ndef call():\n    return grpc.insecure_channel('x:1')\n",
        "server.py": "import grpc\n\n\ndef serve():\n    return grpc.server(None)\n",
    })
    coverage = assess(tmp_path).system["frameworks"]
    assert [(r["name"], r["imported_at"], r["modules"]) for r in coverage["unrecognised"]] == \
        [("gRPC", "server.py:1", 1)]


def test_recognised_framework_without_entries_is_said(tmp_path: Path):
    _write(tmp_path, {"server.py": "import tornado.web\n\nAPP = None\n"})
    summary = _summary(assess(tmp_path))
    assert "Tornado is imported (server.py:1) but no Tornado entry point was found" in summary


_SOCKETS = '''import tornado.web
import tornado.websocket


class StreamSocket(tornado.websocket.WebSocketHandler):
    def open(self, *args):
        self.lines = []

    async def on_message(self, message):
        self.write_message(message)

    def on_close(self):
        self.lines.clear()


class BuildSocket(StreamSocket):
    command = "build"


class FlashSocket(StreamSocket):
    command = "flash"


class ChatSocket(tornado.websocket.WebSocketHandler):
    def on_message(self, message):
        self.write_message(message)


def make_app(prefix):
    return tornado.web.Application([
        (f"{prefix}build", BuildSocket),
        (f"{prefix}flash", FlashSocket),
        (r"/chat", ChatSocket),
    ])
'''


def test_tornado_socket_classes_sharing_methods_count_once_each(tmp_path: Path):
    """Two handler classes inheriting `open`/`on_message`/`on_close` under paths built at run time
    are two endpoints (not collapsed into one); a class's three methods are one endpoint, not three."""
    _write(tmp_path, {"dash/__init__.py": "", "dash/web.py": _SOCKETS})
    result = assess(tmp_path)
    sockets = [e for e in result.system["inventories"]["websockets"]]
    assert {s.get("handler_class", "").rsplit(".", 1)[-1] for s in sockets} == {"BuildSocket", "FlashSocket",
                                                                                "ChatSocket"}
    assert len(sockets) == 7  # 3 + 3 inherited methods, 1 method
    assert result.system["frameworks"]["served_by"][0]["entries"] == {"websocket": 3}
    assert "3 websocket endpoints" in _summary(result)
    assert result.system["examined"]["websocket endpoints"] == 3
