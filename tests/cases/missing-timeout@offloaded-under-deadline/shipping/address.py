"""Legacy address service: a synchronous SDK-era API, called in a worker thread.

The deadline middleware stops waiting after 10 s, but it cannot stop the thread: a hung
request keeps its executor slot for ever."""
import asyncio

import requests


class AddressValidator:
    def __init__(self, url: str) -> None:
        self._url = url
        self._session = requests.Session()

    def _validate_blocking(self, payload: dict) -> dict:
        response = self._session.post(self._url, json=payload)  # expect: missing-timeout
        response.raise_for_status()
        return response.json()

    async def validate(self, line1: str, postcode: str) -> dict:
        return await asyncio.to_thread(self._validate_blocking, {"line1": line1, "postcode": postcode})
