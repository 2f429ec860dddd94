from __future__ import annotations

from fastapi import FastAPI

from agentsvc.runner import StepRunner

app = FastAPI()


@app.post("/agents/{agent_id}/run")
async def run_agent(agent_id: str, steps: list[str]) -> dict:
    return {"score": await StepRunner().run(steps)}


@app.post("/agents/{agent_id}/replay")
async def replay_agent(agent_id: str, steps: list[str]) -> dict:
    return {"score": await StepRunner().run(steps)}
