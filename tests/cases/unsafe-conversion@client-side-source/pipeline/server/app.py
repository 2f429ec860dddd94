from __future__ import annotations

from typing import Any

from fastapi import FastAPI, HTTPException

from pipeline.server.rules import RULES, evaluate
from pipeline.server.steps import Step, build

app = FastAPI()


@app.post("/rules/{rule_id}/check")
async def check_rule(rule_id: str, values: dict[str, float]) -> dict:
    expression = RULES.get(rule_id)
    if expression is None:
        raise HTTPException(status_code=404)
    return {"passed": evaluate(expression, values)}


@app.post("/steps/{kind}/run")
async def run_step(kind: str, body: str, context: dict[str, Any]) -> dict:
    step: Step = build(kind, body)
    return step.run(context)
