"""Findings whose text must hold for the framework serving the code (Tornado, Litestar, FastAPI),
and shapes that are not what a rule means (declarations, migrations, multi-line calls)."""
from __future__ import annotations

import ast
import re
import shutil
from pathlib import Path

from conftest import assess
from test_review_analyses import _model

from reassess.rules.observability.static_health_check import health_endpoints

PROJECTS = Path(__file__).parent / "projects"
CASES = Path(__file__).parent / "cases"


def _code(recommendation: str) -> str:
    return re.search(r"```python\n(.*?)```", recommendation, re.S).group(1)


def _write(root: Path, files: dict[str, str]) -> Path:
    for name, text in files.items():
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).write_text(text)
    return root


# ----- RA850: how a test drives each framework's app, and what it recommends ---------------------
def test_tornado_test_gap_recommends_tornado_harness() -> None:
    gap = next(f for f in assess(PROJECTS / "tornado_app").findings if f.rule == "RA850")
    assert "AsyncHTTPTestCase" in gap.recommendation and "from hub.app import make_app" in gap.recommendation
    assert "fastapi" not in gap.recommendation and "dependency_overrides" not in gap.recommendation
    ast.parse(_code(gap.recommendation))


def test_litestar_test_gap_recommends_litestar_client() -> None:
    gap = next(f for f in assess(PROJECTS / "litestar_app").findings if f.rule == "RA850")
    assert "from litestar.testing import TestClient" in gap.recommendation
    assert "from shop.app import app" in gap.recommendation and "fastapi" not in gap.recommendation
    ast.parse(_code(gap.recommendation))


def test_fastapi_test_gap_keeps_fastapi_wording() -> None:
    gap = next(f for f in assess(CASES / "test-gap").findings if f.rule == "RA850" and f.extra["group"] == "routes")
    assert "from fastapi.testclient import TestClient" in gap.recommendation
    assert "dependency_overrides" in gap.recommendation


def test_requests_sent_to_a_started_server_drive_tornado_routes(tmp_path: Path) -> None:
    """The suite starts the application in a fixture and sends `requests` to it through a session
    class of its own: the routes its conftest loads are driven over HTTP."""
    root = tmp_path / "project"
    shutil.copytree(PROJECTS / "tornado_app", root)
    _write(root, {
        "tests/__init__.py": "",
        "tests/conftest.py": "import pytest\n\nfrom hub.app import make_app\n\n\n@pytest.fixture\n"
                             "def app():\n    return make_app()\n",
        "tests/utils.py": "import requests\n\n\nclass Session(requests.Session):\n    pass\n\n\n"
                          "def api_request(app, path):\n    return Session().get('http://127.0.0.1:8000' + path)\n",
        "tests/test_users.py": "from .utils import api_request\n\n\ndef test_list(app):\n"
                               "    assert api_request(app, '/api/users').status_code == 200\n",
    })
    result = assess(root)
    assert not [f for f in result.findings if f.rule == "RA850" and f.extra.get("group") == "routes"]


def test_tornado_test_case_without_a_client_still_reports_the_gap(tmp_path: Path) -> None:
    """Tests that import a helper module only leave the routes untested, and the text says what a
    Tornado suite would use."""
    root = tmp_path / "project"
    shutil.copytree(PROJECTS / "tornado_app", root)
    _write(root, {"tests/test_lookup.py": "from hub.handlers import base\n\n\ndef test_base():\n"
                                          "    assert base\n"})
    gap = next(f for f in assess(root).findings if f.rule == "RA850" and f.extra.get("group") == "routes")
    assert "no `AsyncHTTPTestCase`, pytest-tornado fixture" in gap.description
    assert "TestClient" not in gap.description


# ----- RA855: what the framework does with an unannotated handler parameter ----------------------
_TORNADO_HANDLER = '''from tornado import web


class UserHandler(web.RequestHandler):
    def get(self, user_name):
        self.write(user_name)


def make_app() -> web.Application:
    return web.Application([(r"/users/([^/]+)", UserHandler)])
'''
_FASTAPI_HANDLER = '''from fastapi import FastAPI

app = FastAPI()


@app.get("/users")
async def list_users(limit):
    return []
'''


def test_tornado_handler_hints_are_described_in_tornado_terms(tmp_path: Path) -> None:
    root = _write(tmp_path / "t", {"svc/__init__.py": "", "svc/app.py": _TORNADO_HANDLER})
    found = [f for f in assess(root).findings if f.rule == "RA855"]
    assert found and "Tornado passes `user_name` (in `get`) positionally" in found[0].description
    assert "FastAPI" not in found[0].description and found[0].severity == "LOW"


def test_fastapi_handler_hints_keep_the_query_parameter_wording(tmp_path: Path) -> None:
    root = _write(tmp_path / "f", {"svc/__init__.py": "", "svc/app.py": _FASTAPI_HANDLER})
    found = [f for f in assess(root).findings if f.rule == "RA855"]
    assert found and "FastAPI reads `limit` (in `list_users`) as an untyped query parameter" in found[0].description
    assert found[0].severity == "MEDIUM"


_METHOD_WITHOUT_HINTS = '''from fastapi import FastAPI

app = FastAPI()


class Tally:
    def count(self):
        return 1


@app.get("/count")
async def count_route() -> int:
    return Tally().count()
'''


def test_hint_example_for_a_method_taking_only_self_is_valid_python(tmp_path: Path) -> None:
    root = _write(tmp_path / "m", {"svc/__init__.py": "", "svc/app.py": _METHOD_WITHOUT_HINTS})
    found = [f for f in assess(root).findings if f.rule == "RA855"]
    assert found and "def count(self) -> <type>:" in found[0].recommendation


# ----- RA610-612: the model's one test of a probe path -------------------------------------------
def test_health_routes_follow_the_model_for_tornado_and_litestar(tmp_path: Path) -> None:
    root = tmp_path / "tornado"
    shutil.copytree(PROJECTS / "tornado_app", root)
    app = root / "hub" / "app.py"
    app.write_text(app.read_text().replace('web.url(r"/health"', 'web.url(r"/health$"'))
    assert [e.route for e in health_endpoints(_model(root))] == ["/health$"]
    lite = _write(tmp_path / "lite", {"svc/__init__.py": "", "svc/app.py": '''from litestar import Litestar, get


@get("/api/mfa/status")
async def mfa_status() -> dict:
    return {"enabled": True}


@get("/health")
async def health() -> dict:
    return {"ok": True}


app = Litestar(route_handlers=[mfa_status, health])
'''})
    assert [e.route for e in health_endpoints(_model(lite))] == ["/health"]


# ----- RA806: declarations are not duplicated logic; examples are valid Python -------------------
_OPTIONS = '''from traitlets import Integer, Unicode
from traitlets.config import Configurable


class {name}(Configurable):
    """Options."""

    {a} = Unicode(
        "",
        help="""The first option of this class.""",
    ).tag(config=True)
    {b} = Integer(
        8000,
        help="""The second option of this class.""",
    ).tag(config=True)
    {c} = Unicode(
        "utf8",
        help="""The third option of this class.""",
    ).tag(config=True)
    {d} = Unicode(
        "",
        help="""The fourth option of this class.""",
    ).tag(config=True)
'''
_LOGIC = '''def {name}(rows, limit):
    total = 0
    kept = []
    for row in rows:
        if row["amount"] > limit:
            kept.append(row["id"])
            total += row["amount"] * row["rate"]
        else:
            total -= row["fee"] / max(row["rate"], 1)
    kept.sort(key=lambda item: str(item))
    return kept, round(total, 2)
'''


def test_config_declarations_are_not_duplicate_code_but_logic_is(tmp_path: Path) -> None:
    root = _write(tmp_path / "d", {
        "svc/__init__.py": "",
        "svc/proxy.py": _OPTIONS.format(name="Proxy", a="pid_file", b="port", c="encoding", d="ssl_key"),
        "svc/hub.py": _OPTIONS.format(name="Hub", a="cookie_host", b="hub_port", c="charset", d="ssl_cert"),
        "svc/sums.py": _LOGIC.format(name="settle") + "\n\n" + _LOGIC.format(name="settle_again"),
    })
    found = [f for f in assess(root).findings if f.rule == "RA806"]
    assert [f.location.path for f in found] == ["svc/sums.py"]
    ast.parse(_code(found[0].recommendation))


# ----- RA875: the quoted line holds the value ----------------------------------------------------
def test_magic_number_quotes_the_line_holding_the_value(tmp_path: Path) -> None:
    root = _write(tmp_path / "m", {"svc/__init__.py": "", "svc/views.py": '''from fastapi import FastAPI, Response

app = FastAPI()


@app.post("/login")
async def login(response: Response) -> dict:
    response.set_cookie(
        key="session",
        value="token",
        max_age=300,
        httponly=True,
    )
    return {}
'''})
    found = next(f for f in assess(root).findings if f.rule == "RA875")
    assert found.location.start_line == 11 and "max_age=300" in found.evidence


# ----- RA801: migrations are skipped -------------------------------------------------------------
def _long_upgrade() -> str:
    steps = "\n".join(f"    op.add_column('t{i}', sa.Column('c{i}', sa.Integer()))" for i in range(90))
    return f"def upgrade() -> None:\n{steps}\n"


def test_long_alembic_revision_is_skipped_but_long_code_is_not(tmp_path: Path) -> None:
    head = "import sqlalchemy as sa\nfrom alembic import op\n\nrevision = 'a1'\ndown_revision = None\n\n\n"
    root = _write(tmp_path / "l", {
        "svc/__init__.py": "",
        "svc/db/migrations/versions/0001_initial.py": head + _long_upgrade(),
        "svc/schema.py": "import sqlalchemy as sa\nfrom svc.ops import op\n\n\n" + _long_upgrade(),
        "svc/ops.py": "op = None\n",
    })
    found = [f.location.path for f in assess(root).findings if f.rule == "RA801"]
    assert found == ["svc/schema.py"]
