"""Portal API."""
from fastapi import FastAPI, HTTPException, Request, UploadFile

from portal.data.quota import charge
from portal.uploads import check_upload, rename

app = FastAPI()
STORE = None


@app.get("/me")
async def me(request: Request) -> dict:
    header = request.headers.get("Authorization", "")
    try:
        scheme, token = header.split()
    except ValueError:
        raise HTTPException(status_code=401, detail="Malformed Authorization header")
    return {"scheme": scheme, "token_length": len(token)}


@app.post("/threads/{thread_id}/files")
async def upload(thread_id: str, file: UploadFile, user_id: str) -> dict:
    try:
        check_upload(file.filename, file.size or 0, 10_000_000)
    except ValueError as exc:
        raise HTTPException(status_code=400, detail=str(exc))  # expect: inconsistent-error-handling
    await charge(STORE, user_id, 1)
    return {"ok": True}


@app.put("/threads/{thread_id}/title")
async def set_title(thread_id: str, title: str, user_id: str) -> dict:
    try:
        await rename(STORE, thread_id, title)
    except ValueError:
        raise HTTPException(status_code=422, detail="Title rejected")
    return {"ok": True}
