from contextlib import asynccontextmanager

from fastapi import FastAPI, HTTPException, Request, UploadFile

from uploads.throttle import FreshnessTracker, TenantThrottle


@asynccontextmanager
async def lifespan(app: FastAPI):
    app.state.throttle = TenantThrottle(per_second=2.0)
    app.state.freshness = FreshnessTracker()
    yield


app = FastAPI(lifespan=lifespan)


@app.post("/tenants/{tenant}/files")
async def upload(tenant: str, file: UploadFile, request: Request) -> dict:
    if not request.app.state.throttle.permit(tenant):
        raise HTTPException(status_code=429, detail="slow down")
    return {"name": file.filename}


@app.get("/tenants/{tenant}/quota")
async def quota(tenant: str, request: Request) -> dict:
    if not request.app.state.freshness.is_fresh(tenant):
        return {"tenant": tenant, "stale": True}
    return {"tenant": tenant, "stale": False}
