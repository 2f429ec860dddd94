from __future__ import annotations

from fastapi import FastAPI

from tools.runner import build_remote, run_in_process

app = FastAPI()


@app.post("/tools/{name}/run")
async def run_tool(name: str, source: str, remote: bool = True) -> dict:
    if not remote:
        return {"result": run_in_process(source, name)}
    sandbox, run_remote = build_remote(name, [])
    with sandbox.run():
        return {"result": run_remote.remote(source, name)}
