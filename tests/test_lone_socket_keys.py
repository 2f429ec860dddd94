"""A lone unauthenticated websocket route keyed by a path parameter that is no id (an area name)
picks a stream: it is judged like the route without it."""
from __future__ import annotations

import shutil
from pathlib import Path

from conftest import assess

CASE = Path(__file__).parent / "cases" / "websocket-lifecycle@lone-open-area-route"


def _ws_lines(root: Path) -> set[int]:
    return {f.location.start_line for f in assess(root).findings
            if f.category == "websocket-lifecycle" and f.location.path == "ramp/sockets.py"}


def test_area_keyed_lone_route_is_reported(tmp_path: Path) -> None:
    root = tmp_path / "app"
    shutil.copytree(CASE, root)
    source = (root / "ramp" / "sockets.py").read_text()
    accept = next(n for n, line in enumerate(source.splitlines(), 1) if "expect: websocket-lifecycle" in line)
    assert _ws_lines(root) == {accept}


def test_area_keyed_public_streams_stay_silent(tmp_path: Path) -> None:
    """Two open area streams beside the checked console: the app has public sockets by design."""
    root = tmp_path / "app"
    shutil.copytree(CASE, root)
    sockets = root / "ramp" / "sockets.py"
    source = sockets.read_text().replace("  # expect: websocket-lifecycle", "")
    source += """

@router.websocket("/ws/weather/{airport}")
async def live_weather(websocket: WebSocket, airport: str) -> None:
    await websocket.accept()
    while True:
        await websocket.send_json(await stand_map(airport))
        await asyncio.sleep(30)
"""
    sockets.write_text(source)
    assert _ws_lines(root) == set()


LOGGED = Path(__file__).parent / "cases" / "websocket-lifecycle@lone-open-logged-id"


def _fleet_lines(root: Path) -> set[int]:
    """Lines of the unauthenticated-socket findings (another rule may judge a send-only loop)."""
    return {f.location.start_line for f in assess(root).findings
            if f.rule == "RA317" and f.location.path == "fleet/sockets.py"}


def test_lone_route_with_a_logged_only_id_is_reported(tmp_path: Path) -> None:
    """`{bay_id}` named only in a log line selects nothing: the route streams the same board to anyone."""
    root = tmp_path / "app"
    shutil.copytree(LOGGED, root)
    source = (root / "fleet" / "sockets.py").read_text()
    accept = next(n for n, line in enumerate(source.splitlines(), 1) if "expect: websocket-lifecycle" in line)
    assert _fleet_lines(root) == {accept}


def test_lone_route_whose_id_selects_the_stream_stays_silent(tmp_path: Path) -> None:
    """The id picks which bay's events are sent: whether it needs a credential is judged elsewhere."""
    root = tmp_path / "app"
    shutil.copytree(LOGGED, root)
    sockets = root / "fleet" / "sockets.py"
    source = sockets.read_text().replace("  # expect: websocket-lifecycle", "").replace(
        "            await websocket.send_json(await depot_snapshot())",
        "            snapshot = await depot_snapshot()\n"
        "            if snapshot.get(\"bay\") == bay_id:\n"
        "                await websocket.send_json(snapshot)")
    assert "== bay_id" in source
    sockets.write_text(source)
    assert _fleet_lines(root) == set()
