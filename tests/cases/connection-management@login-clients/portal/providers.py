"""Identity providers: a token exchange and a profile read per sign-in."""
import httpx


class Provider:
    token_url = ""
    profile_url = ""

    async def exchange(self, code: str) -> str:
        async with httpx.AsyncClient(timeout=5) as client:  # expect: connection-management
            resp = await client.post(self.token_url, data={"code": code})
            resp.raise_for_status()
            return resp.json()["access_token"]

    async def profile(self, token: str) -> dict:
        async with httpx.AsyncClient(timeout=5) as client:
            resp = await client.get(self.profile_url, headers={"Authorization": f"Bearer {token}"})
            resp.raise_for_status()
            return resp.json()


class GitlabProvider(Provider):
    token_url = "https://gitlab.com/oauth/token"
    profile_url = "https://gitlab.com/api/v4/user"


PROVIDERS = {"gitlab": GitlabProvider()}
