import aiohttp


class CarrierDown(Exception):
    """The carrier's API answered with an error or not at all."""


class LabelRejected(Exception):
    """Raised locally before calling anyone: the parcel is not shippable."""


class UpsApi:
    def __init__(self, session: aiohttp.ClientSession) -> None:
        self.session = session

    async def buy_label(self, parcel: dict) -> str:
        async with self.session.post("https://ups.example/labels", json=parcel) as resp:
            if resp.status >= 400:
                raise CarrierDown(f"ups answered {resp.status}")
            return (await resp.json())["tracking"]


class DhlApi:
    def __init__(self, session: aiohttp.ClientSession) -> None:
        self.session = session

    async def buy_label(self, parcel: dict) -> str:
        async with self.session.post("https://dhl.example/v2/labels", json=parcel) as resp:
            if resp.status != 201:
                raise CarrierDown(await resp.text())
            return (await resp.json())["awb"]


def check_parcel(parcel: dict) -> None:
    if parcel.get("weight_kg", 0) > 30:
        raise LabelRejected("too heavy")
