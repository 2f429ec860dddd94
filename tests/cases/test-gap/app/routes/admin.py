from fastapi import APIRouter, Request

router = APIRouter(prefix="/admin")


@router.get("/stats")
async def stats(request: Request) -> dict:  # expect: test-gap
    return await request.app.state.billing.totals()


@router.post("/reset")
async def reset(request: Request) -> dict:
    await request.app.state.billing.reset()
    return {"ok": True}
