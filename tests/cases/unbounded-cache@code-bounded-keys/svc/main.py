from __future__ import annotations

from fastapi import FastAPI
from pydantic import BaseModel

from .caches import adapter_for, city_tax, field_paths, profile
from .worker import sender

app = FastAPI()


class Settings(BaseModel):
    name: str = "svc"


@app.get("/users/{user_id}")
async def user(user_id: str, city: str) -> dict:
    sender.send({"id": user_id})
    data = await profile(user_id)
    data["tax"] = city_tax(city)
    data["settings"] = sorted(field_paths(Settings))
    return adapter_for(dict).validate_python(data)
