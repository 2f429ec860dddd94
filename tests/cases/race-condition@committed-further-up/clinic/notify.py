import httpx


async def page_next_signer(client: httpx.AsyncClient, referral_id: int) -> None:
    await client.post("https://pager.example.com/notify", json={"referral": referral_id})
