import httpx

_client = httpx.AsyncClient(base_url="https://mail.example", timeout=5)


async def send_mail(team: str, subject: str) -> None:
    await _client.post("/send", json={"to": team, "subject": subject})
