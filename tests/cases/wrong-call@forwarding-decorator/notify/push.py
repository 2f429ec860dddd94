import httpx

from notify.retrying import reshaped, retried, with_tenant


class PushClient:
    def __init__(self, client: httpx.AsyncClient) -> None:
        self._client = client

    @retried(attempts=4)
    async def send(self, device: str, text: str) -> None:
        await self._client.post("/push", json={"device": device, "text": text})

    @with_tenant
    async def topic(self, name: str, tenant: str) -> None:
        await self._client.post(f"/topics/{tenant}/{name}")

    @reshaped
    async def bulk(self, devices: list[str], text: str) -> None:
        await self._client.post("/bulk", json={"devices": devices, "text": text})


async def alert(push: PushClient, device: str) -> None:
    await push.send(device, "disk full", urgent=True)  # expect: wrong-call
    await push.send(device, "disk full")
    # look-alike: the wrapper fills `tenant` itself (the declared signature still allows it)
    await push.topic("ops", tenant="acme")
    # look-alike: a wrapper that changes the signature is not judged
    await push.bulk({"devices": [device], "text": "disk full"})
