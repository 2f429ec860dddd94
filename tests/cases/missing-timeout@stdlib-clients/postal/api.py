import asyncio
from email.message import EmailMessage

from fastapi import FastAPI

from postal.outbound import bounced, ping_gateway, send_invoice, send_notice, send_receipt, unread, upload_manifest

app = FastAPI()


@app.post("/notices")
async def notice(to: str) -> dict[str, int]:
    message = EmailMessage()
    message["To"] = to
    await asyncio.to_thread(send_notice, "mail", 25, message)
    await asyncio.to_thread(send_receipt, "mail", 25, message)
    await asyncio.to_thread(send_invoice, "mail", message)
    await asyncio.to_thread(upload_manifest, "ftp", "/tmp/manifest.csv")
    count = await asyncio.to_thread(bounced, "pop")
    await asyncio.to_thread(unread, "imap", "u", "p")
    await asyncio.to_thread(ping_gateway, "gw")
    return {"bounced": count}
