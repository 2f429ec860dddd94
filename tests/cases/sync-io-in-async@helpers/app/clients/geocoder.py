"""A synchronous geocoder client (requests based)."""
import requests

BASE_URL = "https://geo.example.com"


def reverse(latitude: float, longitude: float) -> dict:
    resp = requests.get(f"{BASE_URL}/reverse", params={"lat": latitude, "lon": longitude}, timeout=5)  # expect: sync-io-in-async
    resp.raise_for_status()
    return resp.json()


def search(query: str) -> list[dict]:
    resp = requests.get(f"{BASE_URL}/search", params={"q": query}, timeout=5)  # sync endpoint only
    resp.raise_for_status()
    return resp.json()
