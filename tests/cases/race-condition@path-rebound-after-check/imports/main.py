from fastapi import FastAPI

from imports.staging import replace_export, stage_local, stage_remote

app = FastAPI()


@app.post("/imports/{job}")
async def create_import(job: str, uri: str) -> dict:
    folder = f"/srv/jobs/{job}"
    await stage_local(uri, folder)
    await stage_remote(uri, folder)
    await replace_export(folder)
    return {"ok": True}
