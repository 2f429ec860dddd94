from fastapi import FastAPI, HTTPException

from chat.stores import jobs, presence

app = FastAPI()


@app.get("/workspaces/{workspace_id}/online")
async def online(workspace_id: int) -> list[str]:
    members = await presence.smembers(f"online:{workspace_id}")
    return sorted(m.decode() for m in members)


@app.post("/auth/login")
async def login(email: str) -> dict[str, str]:
    attempts = await jobs.incr(f"login:{email}")
    if attempts > 5:
        raise HTTPException(status_code=429)
    return {"status": "ok"}
