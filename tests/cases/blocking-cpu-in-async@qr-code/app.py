import asyncio
import io

import qrcode
from fastapi import FastAPI, Response

app = FastAPI()


def render_qr(payload: str) -> bytes:
    image = qrcode.make(payload, box_size=10, border=1)
    out = io.BytesIO()
    image.save(out, format="PNG")
    return out.getvalue()


@app.get("/tickets/{ticket_id}/qr.png")
async def ticket_qr(ticket_id: int) -> Response:
    png = render_qr(f"ticket:{ticket_id}")  # expect: blocking-cpu-in-async
    return Response(png, media_type="image/png")


def render_pass(payload: str) -> bytes:
    qr = qrcode.QRCode(box_size=8, border=2)
    qr.add_data(payload)
    qr.make(fit=True)
    out = io.BytesIO()
    qr.make_image().save(out)
    return out.getvalue()


@app.get("/passes/{pass_id}/qr.png")
async def pass_qr(pass_id: int) -> Response:
    png = await asyncio.to_thread(render_pass, f"pass:{pass_id}")
    return Response(png, media_type="image/png")
