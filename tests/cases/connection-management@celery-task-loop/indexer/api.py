"""HTTP API: the quota check runs per request in the server's one loop."""
from fastapi import FastAPI

from indexer.locks import quota_left
from indexer.tasks import reindex_workspace

app = FastAPI()


@app.get("/quota/{user_id}")
async def quota(user_id: int) -> dict:
    return {"left": await quota_left(user_id)}


@app.post("/workspaces/{workspace_id}/reindex")
def reindex(workspace_id: int) -> dict:
    reindex_workspace.delay(workspace_id)
    return {"queued": True}
