from __future__ import annotations

from typing import Protocol

import httpx

from ..errors import UnknownProvider
from ..settings import Settings
from .aws_billing import AwsBillingClient
from .azure_billing import AzureBillingClient
from .gcp_billing import GcpBillingClient


class BillingApi(Protocol):
    async def fetch_daily_costs(self, external_id: str, start: str, end: str) -> list[dict]: ...


_CLIENTS = {
    "aws": AwsBillingClient,
    "gcp": GcpBillingClient,
    "azure": AzureBillingClient,
}


def billing_client_for(provider: str, settings: Settings, http: httpx.AsyncClient) -> BillingApi:
    try:
        cls = _CLIENTS[provider]
    except KeyError:
        raise UnknownProvider(f"unsupported provider {provider!r}")
    return cls(settings, http)
