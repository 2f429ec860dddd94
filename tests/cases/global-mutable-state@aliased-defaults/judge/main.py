"""Judge API."""
from typing import Any

from fastapi import FastAPI

from judge.problems import limits_for, preferences_for, safe_limits_for, safe_preferences_for

app = FastAPI()


@app.post("/problems")
async def create_problem(overrides: dict[str, Any]) -> dict:
    return {"limits": limits_for(overrides), "safe": safe_limits_for(overrides)}


@app.post("/preferences")
async def preview_preferences(stored: dict[str, Any]) -> dict:
    return {"now": preferences_for(stored).model_dump(), "safe": safe_preferences_for(stored).model_dump()}
