"""The services one process shares, built once at startup."""
from dataclasses import dataclass

import aiohttp
import httpx

from pay.clients import LedgerClient, MapsClient, RatesClient
from pay.services import Accounts, Places, Pricing


@dataclass
class Services:
    pricing: Pricing
    places: Places


@dataclass
class Backoffice:
    accounts: Accounts


def build(http: httpx.AsyncClient) -> Services:
    return Services(pricing=Pricing(RatesClient(http)), places=Places(MapsClient(http)))


_backoffice: Backoffice | None = None


def start_backoffice(session: aiohttp.ClientSession) -> None:
    global _backoffice
    _backoffice = Backoffice(accounts=Accounts(LedgerClient(session)))


def backoffice() -> Backoffice:
    assert _backoffice is not None
    return _backoffice
