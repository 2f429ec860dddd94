"""Thin wrapper over the warehouse loader's HTTP ingest API (synchronous SDK)."""
from __future__ import annotations

import gzip
import json
import threading
from collections.abc import Sequence

import requests


class WarehouseClient:
    def __init__(self, base_url: str, api_key: str) -> None:
        self._base_url = base_url.rstrip("/")
        self._session = requests.Session()
        self._session.headers.update({"X-Api-Key": api_key, "Content-Encoding": "gzip"})
        self._lock = threading.Lock()
        self._tables_ready: set[str] = set()

    def ensure_table(self, table: str) -> None:
        with self._lock:  # may be called from several loader threads at once
            if table in self._tables_ready:
                return
        resp = self._session.put(f"{self._base_url}/tables/{table}", timeout=(3, 15))
        resp.raise_for_status()
        with self._lock:
            self._tables_ready.add(table)

    def upload_rows(self, table: str, rows: Sequence[dict]) -> int:
        body = gzip.compress("\n".join(json.dumps(r, default=str) for r in rows).encode())
        resp = self._session.post(f"{self._base_url}/tables/{table}/rows", data=body)
        resp.raise_for_status()
        return int(resp.json().get("accepted", 0))

    def close(self) -> None:
        self._session.close()
