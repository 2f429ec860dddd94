from fastapi import FastAPI

from tickets import routing

app = FastAPI()
repo = object()


@app.post("/queues/{queue_id}/tickets/{ticket_id}")
async def assign(queue_id: int, ticket_id: int) -> dict:
    await routing.assign(queue_id, ticket_id, repo)
    return {}


@app.post("/queues/{queue_id}/drain")
async def drain(queue_id: int) -> dict:
    await routing.drain(queue_id, repo)
    return {}


@app.post("/teams/{team_id}/agents/{agent_id}")
async def staff(team_id: int, agent_id: int) -> dict:
    await routing.staff(team_id, agent_id, repo)
    await routing.leave(team_id, agent_id, repo)
    return {}
