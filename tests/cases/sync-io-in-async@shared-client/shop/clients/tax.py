"""Tax provider client (sync: it also serves the refund worker threads)."""
import requests


class TaxClient:
    def __init__(self, base_url: str) -> None:
        self._base_url = base_url
        self._session = requests.Session()

    def quote(self, amount: int, region: str) -> int:
        resp = self._session.post(f"{self._base_url}/v1/quote", json={"amount": amount, "region": region}, timeout=5)  # expect: sync-io-in-async
        resp.raise_for_status()
        return int(resp.json()["tax"])


class RatesClient:
    def __init__(self, base_url: str) -> None:
        self._base_url = base_url
        self._session = requests.Session()

    def rate(self, region: str) -> float:
        resp = self._session.get(f"{self._base_url}/v1/rates/{region}", timeout=5)
        resp.raise_for_status()
        return float(resp.json()["rate"])
