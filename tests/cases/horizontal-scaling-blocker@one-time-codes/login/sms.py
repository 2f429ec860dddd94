"""SMS gateway."""
import httpx


async def send_sms(phone: str, text: str) -> None:
    async with httpx.AsyncClient(timeout=5) as client:
        await client.post("https://sms.example/send", json={"to": phone, "text": text})
