"""Talks to the code-sandbox service."""
import aiohttp

SANDBOX = "http://sandbox:8080"


async def stop_sandbox() -> str:
    response = await aiohttp.ClientSession().get(f"{SANDBOX}/stop")  # expect: connection-management
    return await response.text()


async def run_snippet(code: str) -> dict:
    async with aiohttp.ClientSession() as client:
        async with client.post(f"{SANDBOX}/run", json={"code": code}) as response:
            return await response.json()
