"""The kind of program the project is, as far as scaling goes: whether it may run as several
processes of one service (an ASGI/WSGI app under uvicorn or gunicorn workers, jobs of a queue
framework) or is an interactive program its user starts once (see `knowledge.programs`).

Rules that warn about state one process keeps and another cannot see ask `single_process`: in
a program of one process those warnings describe a deployment that does not exist.
"""
from __future__ import annotations

from typing import TYPE_CHECKING

from ..knowledge.programs import DESKTOP_TOOLKITS, EMBEDDED_SERVERS, QUEUE_FRAMEWORKS, TERMINAL_TOOLKITS
from .app import is_test_path, under

if TYPE_CHECKING:
    from .project import ProjectModel

_REQUEST_KINDS = ("http", "websocket", "middleware", "exception-handler")


def single_process(model: "ProjectModel") -> str:
    """What the program is when it runs as one process ("a desktop program (PyQt6)"), else "".

    One process: the project draws a desktop or terminal UI, serves requests only through a server
    it embeds (aiohttp, Tornado, Socket.IO; none at all is fine) and hands no job to a queue
    framework's workers. Any ASGI/WSGI route, or such a job, means it may be scaled out."""
    return model.memo("program_kind.single_process", lambda: _single_process(model))


def _single_process(model: "ProjectModel") -> str:
    for entry in model.app.entrypoints:
        framework = str((entry.details or {}).get("framework", ""))
        if entry.kind in _REQUEST_KINDS and framework not in EMBEDDED_SERVERS:
            return ""
        if entry.kind == "job" and framework in QUEUE_FRAMEWORKS:
            return ""
    toolkit = _toolkit(model)
    if not toolkit:
        return ""
    kind = "desktop" if toolkit in DESKTOP_TOOLKITS else "terminal"
    return f"a {kind} program ({toolkit.split('.')[0]})"


def _toolkit(model: "ProjectModel") -> str:
    """The UI toolkit a module outside the tests imports at its top, desktop ones first (an import
    inside a function is an optional use: `curses` read for terminal colours, a viewer on demand)."""
    found: set[str] = set()
    for facts in model.modules.values():
        if is_test_path(facts.path):
            continue
        for imp in facts.imports:
            if imp.level or imp.in_function:
                continue
            found.update(name for name in (*DESKTOP_TOOLKITS, *TERMINAL_TOOLKITS) if under(imp.module, (name,)))
    return next((name for name in (*DESKTOP_TOOLKITS, *TERMINAL_TOOLKITS) if name in found), "")
