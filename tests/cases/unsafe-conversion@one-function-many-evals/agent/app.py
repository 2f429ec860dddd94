"""A small agent server: the model's reply is turned into screen actions."""
from fastapi import FastAPI

from agent.actions import parse_click, parse_drag, parse_drag_safely

app = FastAPI()


@app.post("/act")
async def act(reply: dict) -> dict:
    return {"click": parse_click(reply), "drag": parse_drag(reply), "safe": parse_drag_safely(reply)}
