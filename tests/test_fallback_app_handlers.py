"""App-wide exception handlers and RA412 (no-fallback): a handler that maps the dependency's errors
to an answer covers every route, while the catch-all that only logs and answers 500 does not."""
from __future__ import annotations

from pathlib import Path

import pytest

from conftest import assess

CLIENT = (
    "import httpx\n\n\n"
    "class Rates:\n"
    "    def __init__(self) -> None:\n"
    "        self._http = httpx.AsyncClient(base_url=\"https://rates.example.com\", timeout=2.0)\n\n"
    "    async def current(self, pair: str) -> dict:\n"
    "        resp = await self._http.get(f\"/v1/rates/{pair}\")\n"
    "        resp.raise_for_status()\n"
    "        return resp.json()\n"
)

MAIN = (
    "import logging\n\n"
    "import httpx\n"
    "from fastapi import FastAPI, Request\n"
    "from fastapi.responses import JSONResponse\n\n"
    "from fx.client import Rates\n\n"
    "log = logging.getLogger(__name__)\n"
    "app = FastAPI()\n"
    "rates = Rates()\n\n\n"
    "@app.exception_handler({caught})\n"
    "async def on_error(request: Request, exc: Exception) -> JSONResponse:\n"
    "    log.exception(\"error on %s\", request.url.path)\n"
    "    return JSONResponse({{\"detail\": \"{detail}\"}}, status_code={status})\n\n\n"
    "@app.get(\"/rates/{{pair}}\")\n"
    "async def rate(pair: str) -> dict:\n"
    "    return await rates.current(pair)\n"
)


def _project(root: Path, caught: str, status: int, detail: str) -> Path:
    package = root / "fx"
    package.mkdir(parents=True)
    (package / "__init__.py").write_text("")
    (package / "client.py").write_text(CLIENT)
    (package / "main.py").write_text(MAIN.format(caught=caught, status=status, detail=detail))
    return root


def _fallback_findings(root: Path) -> list[tuple[str, int]]:
    result = assess(root)
    return [(f.location.path, f.location.start_line) for f in result.findings if f.category == "no-fallback"]


def test_catch_all_answering_500_is_no_fallback(tmp_path):
    root = _project(tmp_path / "app", "Exception", 500, "internal error")
    # the rate lookup still fails every request with a 500: the finding stands, cited at the call
    assert _fallback_findings(root) == [("fx/client.py", 9)]


@pytest.mark.parametrize(("caught", "status"), [("httpx.HTTPError", 503), ("Exception", 503)])
def test_handler_answering_the_outage_covers_every_route(tmp_path, caught, status):
    root = _project(tmp_path / "app", caught, status, "rates temporarily unavailable")
    assert _fallback_findings(root) == []
