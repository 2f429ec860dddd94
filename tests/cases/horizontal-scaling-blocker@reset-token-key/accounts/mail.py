"""Transactional e-mail."""
import httpx


class Mailer:
    def __init__(self) -> None:
        self._client = httpx.AsyncClient(base_url="https://mail.example", timeout=5)

    async def send(self, to: str, subject: str, text: str) -> None:
        await self._client.post("/send", json={"to": to, "subject": subject, "text": text})
