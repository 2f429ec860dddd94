from fastapi import Depends, FastAPI

from uploads.deps import enforce_quota, enforce_quota_atomic, first_upload_day, region_for

app = FastAPI()


@app.post("/claims/{claim_id}/documents", dependencies=[Depends(enforce_quota)])
async def upload(claim_id: str) -> dict[str, str]:
    return {"claim": claim_id}


@app.post("/claims/{claim_id}/photos", dependencies=[Depends(enforce_quota_atomic)])
async def upload_photo(claim_id: str, region: str = Depends(region_for),
                       first: str = Depends(first_upload_day)) -> dict[str, str]:
    return {"claim": claim_id, "region": region, "first": first}
