"""SMS gateway client (sync: the vendor SDK has no async API)."""
import requests


class SmsGateway:
    def __init__(self, url: str) -> None:
        self._url = url
        self._session = requests.Session()

    def send(self, to: str, body: str) -> str:
        resp = self._session.post(self._url, json={"to": to, "body": body}, timeout=(2, 5))
        resp.raise_for_status()
        return resp.json()["id"]
