"""Invoice downloads."""
from fastapi import APIRouter, Request
from fastapi.responses import FileResponse

router = APIRouter()


@router.get("/orders/{order_id}/invoice")
async def order_invoice(request: Request, order_id: int) -> FileResponse:
    path = await request.app.state.media.write_invoice(order_id)
    return FileResponse(path, media_type="application/pdf")


@router.post("/orders/{order_id}/credit-note")
async def credit_note(request: Request, order_id: int) -> FileResponse:
    path = await request.app.state.media.write_credit_note(order_id)
    return FileResponse(path, media_type="application/pdf")
