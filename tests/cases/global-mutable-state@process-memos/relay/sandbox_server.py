"""The in-box agent server: started as a script, one process per box."""
from __future__ import annotations

import argparse
import time

import uvicorn
from fastapi import FastAPI


class CommandRunner:
    def __init__(self, workdir: str) -> None:
        self.workdir = workdir
        self.last_command_at = 0.0

    async def run(self, command: str) -> str:
        return f"{self.workdir}$ {command}"


if __name__ == "__main__":
    parser = argparse.ArgumentParser()
    parser.add_argument("--port", type=int, default=8010)
    parser.add_argument("--workdir", default="/workspace")
    args = parser.parse_args()

    runner: CommandRunner | None = None
    app = FastAPI()

    @app.on_event("startup")
    async def start() -> None:
        global runner
        runner = CommandRunner(args.workdir)

    @app.post("/run")
    async def run_command(body: dict) -> dict:
        assert runner is not None
        runner.last_command_at = time.time()
        return {"output": await runner.run(body["command"])}

    uvicorn.run(app, host="0.0.0.0", port=args.port)
