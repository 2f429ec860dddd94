from fastapi import FastAPI

from portal.providers import PROVIDERS, Provider

app = FastAPI()


def get_provider(provider_id: str) -> Provider:
    return PROVIDERS[provider_id]


@app.get("/auth/oauth/{provider_id}/callback")
async def oauth_callback(provider_id: str, code: str) -> dict:
    provider = get_provider(provider_id)
    token = await provider.exchange(code)
    return await provider.profile(token)
