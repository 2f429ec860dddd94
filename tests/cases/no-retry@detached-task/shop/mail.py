"""Transactional e-mail over the provider's HTTP API."""
import httpx


async def send_email(to: str, subject: str, html: str) -> str:
    async with httpx.AsyncClient(base_url="https://mail.example.com", timeout=10.0) as client:
        resp = await client.post("/messages", json={"to": to, "subject": subject, "html": html})  # expect: no-retry
    resp.raise_for_status()
    return resp.json()["id"]
