from fastapi import FastAPI, HTTPException

from lettings import errors
from lettings.submissions import enforce_submission_rate, record_quote

app = FastAPI()


@app.post("/applications")
async def submit(user_id: int) -> dict[str, bool]:
    try:
        enforce_submission_rate(user_id)
    except errors.RateLimited as exc:
        raise HTTPException(status_code=429, detail=str(exc)) from exc
    return {"submitted": True}


@app.post("/quotes/{listing_id}")
async def quote(listing_id: int) -> dict[str, bool]:
    record_quote(listing_id)
    return {"quoted": True}
