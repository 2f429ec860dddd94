"""Starts the API server in a child process of its own, once, from the command line."""
from __future__ import annotations

import multiprocessing
import sys

from fastapi import FastAPI
import uvicorn

from lineage.store import LineageStore


def build_app(url: str) -> FastAPI:
    app = FastAPI()
    app.state.store = LineageStore(url)  # once per process: the process target builds the app once
    return app


def _serve_api(url: str, port: int) -> None:
    uvicorn.run(build_app(url), port=port)


def main() -> None:
    server = multiprocessing.Process(target=_serve_api, args=(sys.argv[1], 8080), name="api")
    server.start()
    server.join()
