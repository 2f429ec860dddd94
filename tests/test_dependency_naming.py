"""Wording and naming that must stay true of the code (real-backend reading, round 27): a handler
that reports a failure through the program's error channel is not said to carry on silently; a
dependency is named after the address it is sent to, not after a base class or the class holding
its client."""
from __future__ import annotations

from pathlib import Path

from conftest import assess


def _project(tmp_path: Path, files: dict[str, str]) -> Path:
    root = tmp_path / "proj"
    (root / "app").mkdir(parents=True)
    (root / "app" / "__init__.py").write_text("")
    for name, text in files.items():
        (root / "app" / name).write_text(text)
    return root


_FRAMES = (
    '"""Frames produced by a stage."""\n'
    "class Frame:\n"
    "    def __init__(self, text: str) -> None:\n"
    "        self.text = text\n\n\n"
    "class ErrorFrame(Frame):\n"
    "    pass\n\n\n"
    "def parse(text: str) -> Frame:\n"
    "    return Frame(text.strip())\n\n\n"
    "async def fetch(line: str) -> str:\n"
    "    return line\n\n\n"
    "async def frames(lines: list[str]):\n"
    "    for line in lines:\n"
    "        try:\n"
    "            yield parse(await fetch(line))\n"
    "        except Exception as e:\n"
    "            yield ErrorFrame(f'bad line: {e}')\n\n\n"
    "def quiet(lines: list[str]) -> list[Frame]:\n"
    "    out = []\n"
    "    for line in lines:\n"
    "        try:\n"
    "            out.append(parse(line))\n"
    "        except Exception:\n"
    "            out.append(Frame(''))\n"
    "    return out\n"
)


def test_error_frame_handler_says_it_reports_but_drops_the_traceback(tmp_path: Path) -> None:
    result = assess(_project(tmp_path, {"frames.py": _FRAMES}))
    found = {f.location.start_line: f for f in result.findings if f.rule == "RA103"}
    reported = [f for f in found.values() if "frames" in f.description.split("`")[1]]
    assert reported and "reports it as `ErrorFrame(...)` but drops the traceback" in reported[0].description
    assert "carries on without logging" not in reported[0].description
    quiet = [f for f in found.values() if f.description.startswith("`quiet`")]
    assert quiet and "carries on without logging it" in quiet[0].description


_MARKET = (
    '"""Models that read a public marketplace."""\n'
    "import requests\n"
    "from sqlalchemy.orm import declarative_base\n"
    "from fastapi import FastAPI\n\n"
    "app = FastAPI()\n"
    "Base = declarative_base()\n"
    'marketplace_url = "https://market.example.com/api/"\n\n\n'
    "class Model(Base):\n"
    "    __abstract__ = True\n\n"
    "    def to_dict(self) -> dict:\n"
    "        return {}\n\n\n"
    "class Template(Model):\n"
    "    def to_dict(self) -> dict:\n"
    "        return {'t': 1}\n\n"
    "    @classmethod\n"
    "    def fetch_list(cls, page: int) -> list:\n"
    "        return requests.get(marketplace_url + 'templates?page=' + str(page), timeout=10).json()\n\n\n"
    "class Toolkit(Model):\n"
    "    def to_dict(self) -> dict:\n"
    "        return {'k': 1}\n\n"
    "    @classmethod\n"
    "    def fetch_list(cls, page: int) -> list:\n"
    "        return requests.get(marketplace_url + 'toolkits?page=' + str(page), timeout=10).json()\n\n\n"
    "@app.get('/templates')\n"
    "def templates(page: int) -> list:\n"
    "    return Template.fetch_list(page)\n\n\n"
    "@app.get('/toolkits')\n"
    "def toolkits(page: int) -> list:\n"
    "    return Toolkit.fetch_list(page)\n"
)


def test_models_sharing_an_orm_base_are_not_one_family_of_implementations(tmp_path: Path) -> None:
    result = assess(_project(tmp_path, {"market.py": _MARKET}))
    titles = [f.title for f in result.findings if f.rule in ("RA410", "RA411", "RA412")]
    assert titles and all("market.example.com" in t for t in titles)
    assert not any("implementations" in t or "Model" in t for t in titles)


_HANGUP = (
    '"""Ends a phone call through the provider\'s REST API."""\n'
    "import aiohttp\n\n\n"
    "class CallSerializer:\n"
    "    def __init__(self, call_id: str) -> None:\n"
    "        self._call_id = call_id\n\n"
    "    async def hang_up(self) -> None:\n"
    '        endpoint = f"https://api.voice.example.com/v1/Call/{self._call_id}/"\n'
    "        async with aiohttp.ClientSession() as session:\n"
    "            async with session.delete(endpoint) as response:\n"
    "                response.raise_for_status()\n\n"
    "    async def hang_up_at(self, url: str) -> None:\n"
    "        async with aiohttp.ClientSession() as session:\n"
    "            async with session.delete(url) as response:\n"
    "                response.raise_for_status()\n"
)


def test_session_without_base_address_is_named_after_the_host_its_calls_send_to(tmp_path: Path) -> None:
    result = assess(_project(tmp_path, {"calls.py": _HANGUP}))
    found = {f.location.start_line: f.description for f in result.findings if f.rule == "RA401"}
    named = [d for d in found.values() if "hang_up`" in d or "hang_up (" in d or "`CallSerializer.hang_up`" in d]
    assert any("talking to api.voice.example.com" in d for d in found.values()), found
    # the address a caller passes in names no service: the holder's name stays
    assert any("hang_up_at" in d and "talking to CallSerializer" in d for d in found.values()), found
    assert named
