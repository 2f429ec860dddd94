"""What kind of program a project is, read from the libraries it builds on.

A program that draws its own user interface (a desktop window, a full-screen terminal UI) is
started by its user as one process on their machine: its in-memory state is the only copy there
is, and nothing balances its requests across processes or replicas. A web server it embeds (an
aiohttp, Tornado or Socket.IO app serving a local API or a web UI) runs inside that one process.
An ASGI/WSGI app is served by uvicorn, gunicorn or the like, which run it in as many worker
processes as configured; jobs of a queue framework run in worker processes of their own.
"""
from __future__ import annotations

# `import PyQt6.QtWidgets`, `from tkinter import ttk`, `import wx`: module prefixes
DESKTOP_TOOLKITS = ("PyQt5", "PyQt6", "PySide2", "PySide6", "tkinter", "wx", "kivy", "toga")
# full-screen terminal UIs; of prompt_toolkit only its `Application` (a prompt or a validator is a
# CLI helper, often of a management tool shipped beside a server)
TERMINAL_TOOLKITS = ("urwid", "textual", "npyscreen", "prompt_toolkit.application")
# request frameworks an interactive program serves from inside its own process (entry `framework`)
EMBEDDED_SERVERS = frozenset({"aiohttp", "tornado", "socketio"})
# job frameworks whose jobs run in worker processes started apart from the program
QUEUE_FRAMEWORKS = frozenset({"celery", "dramatiq", "rq", "taskiq", "arq"})
