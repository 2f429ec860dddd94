import asyncio

from fastapi import FastAPI, Response

from billing.pdf import badge_stream, invoice_stream, label_stream, render_invoice

app = FastAPI()


@app.get("/invoices/{invoice_id}/pdf")
async def invoice_pdf(invoice_id: int) -> Response:
    body = invoice_stream([f"line {n}" for n in range(3)], "12.00")  # expect: blocking-cpu-in-async
    return Response(body, media_type="application/pdf")


@app.get("/invoices/{invoice_id}/pdf/offloaded")
async def invoice_pdf_offloaded(invoice_id: int) -> Response:
    body = await asyncio.to_thread(render_invoice, invoice_id)
    return Response(body, media_type="application/pdf")


@app.get("/labels/{parcel_id}")
async def label(parcel_id: int) -> Response:
    return Response(label_stream({"parcel": str(parcel_id), "to": "Dock 4"}), media_type="application/pdf")


@app.get("/badges/{name}")
async def badge(name: str) -> Response:
    return Response(badge_stream(name), media_type="application/pdf")
