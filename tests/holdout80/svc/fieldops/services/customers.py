from __future__ import annotations

from fieldops.cache.store import JsonCache
from fieldops.clients.maps import Geocoder
from fieldops.cache.keys import customer_key
from fieldops.db.models import Customer, Site
from fieldops.errors import NotFound
from fieldops.repositories.customers import CustomerRepository
from fieldops.repositories.sites import SiteRepository

CUSTOMER_TTL = 600


def _serialise(customer: Customer) -> dict:
    return {
        "id": customer.id,
        "name": customer.name,
        "email": customer.email,
        "phone": customer.phone,
        "discount_pct": str(customer.discount_pct),
    }


class CustomerService:
    def __init__(self, customers: CustomerRepository, sites: SiteRepository, cache: JsonCache, geocoder: Geocoder) -> None:
        self._customers = customers
        self._geocoder = geocoder
        self._sites = sites
        self._cache = cache

    async def get(self, account_id: int, customer_id: int) -> dict:
        key = customer_key(account_id, customer_id)
        cached = await self._cache.get(key)
        if cached is not None:
            return cached
        customer = await self._customers.get(customer_id)
        if customer is None or customer.account_id != account_id:
            raise NotFound("customer not found")
        data = _serialise(customer)
        await self._cache.set(key, data, ttl=CUSTOMER_TTL)
        return data

    async def create(self, account_id: int, fields: dict) -> dict:
        customer = await self._customers.add(Customer(account_id=account_id, **fields))
        return _serialise(customer)

    async def update(self, account_id: int, customer_id: int, fields: dict) -> dict:
        customer = await self._customers.get(customer_id)
        if customer is None or customer.account_id != account_id:
            raise NotFound("customer not found")
        await self._customers.update(customer, fields)
        self._cache.invalidate(customer_key(account_id, customer_id))
        return _serialise(customer)

    async def add_site(self, account_id: int, customer_id: int, address: str) -> Site:
        await self.get(account_id, customer_id)
        position = await self._geocoder.locate(address)
        lat, lng = position if position else (None, None)
        return await self._sites.add(Site(customer_id=customer_id, address=address, lat=lat, lng=lng))

    async def search(self, account_id: int, term: str) -> list[dict]:
        return [_serialise(c) for c in await self._customers.search(account_id, term.strip())]
