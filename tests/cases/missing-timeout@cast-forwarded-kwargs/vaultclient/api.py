"""A client for a secrets service: one request helper forwards its keywords through `cast`."""
from typing import Any, Dict, cast

import httpx


class SecretsClient:
    def __init__(self, base_url: str, ca_bundle: str | None) -> None:
        self._base_url = base_url
        if ca_bundle is not None:
            self._http = httpx.Client(timeout=None, verify=ca_bundle)
        else:
            self._http = httpx.Client(timeout=None)  # expect: missing-timeout

    def _call(self, method: str, path: str, **kwargs: Dict[str, Any]) -> Any:
        response = self._http.request(method, self._base_url + path, **cast(Any, kwargs))
        response.raise_for_status()
        return response.json()

    def read(self, name: str) -> dict:
        return self._call("get", f"/secrets/{name}")

    def write(self, name: str, value: str) -> None:
        self._call("put", f"/secrets/{name}", json={"value": value})


class AuditClient:
    """The same helper, but every caller passes its own limit through the keywords."""

    def __init__(self, base_url: str) -> None:
        self._base_url = base_url
        self._http = httpx.Client(timeout=None)

    def _call(self, method: str, path: str, **kwargs: Dict[str, Any]) -> Any:
        response = self._http.request(method, self._base_url + path, **cast(Any, kwargs))
        return response.json()

    def record(self, event: dict) -> None:
        self._call("post", "/events", json=event, timeout=5.0)
