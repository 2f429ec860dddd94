from fastapi import FastAPI

from .lifecycle import active_tenant, metrics_lib, pin_upstream, refresh_pinned_upstream, settings, stopping, use_tenant

app = FastAPI()


@app.post("/relay/{tenant}")
async def relay(tenant: str, body: dict) -> dict:
    if stopping():
        return {"accepted": False}
    use_tenant(tenant)
    lib = metrics_lib()
    if lib is not None:
        lib.incr("relay")
    return {"accepted": True, "upstream": settings().upstream, "tenant": active_tenant()}


@app.post("/ops/upstream")
async def repin_upstream() -> dict:
    pin_upstream()
    refresh_pinned_upstream()
    return {"pinned": True}
