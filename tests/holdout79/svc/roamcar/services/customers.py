"""Customer profile: vehicle PIN, licence verification, account credit."""
from __future__ import annotations

import asyncio
import logging
import uuid

from ..clients.kyc import KycClient, KycError
from ..models import Customer
from ..repositories import CustomerRepository
from ..utils.security import check_pin, hash_pin
from .errors import ServiceError

logger = logging.getLogger(__name__)

_KYC_STATUS = {"clear": "verified", "consider": "pending", "rejected": "rejected"}


class CustomerService:
    def __init__(self, customers: CustomerRepository, kyc: KycClient) -> None:
        self._customers = customers
        self._kyc = kyc

    async def set_pin(self, customer: Customer, pin: str) -> None:
        if not (pin.isdigit() and 4 <= len(pin) <= 8):
            raise ServiceError("PIN must be 4-8 digits")
        customer.pin_hash = hash_pin(pin)
        await self._customers.commit()

    async def verify_pin(self, customer: Customer, pin: str) -> bool:
        if customer.pin_hash is None:
            return False
        return await asyncio.to_thread(check_pin, pin, customer.pin_hash)

    async def submit_licence(self, customer: Customer, licence_number: str, country: str, image: bytes) -> str:
        check_id = await self._kyc.submit_check(
            licence_number=licence_number,
            country=country,
            full_name=customer.full_name,
            image=image,
            reference=str(customer.id),
        )
        customer.licence_number = licence_number
        customer.licence_country = country
        await self._customers.set_kyc(customer.id, "pending", check_id)
        logger.info("licence check %s submitted for customer %s", check_id, customer.id)
        return check_id

    async def refresh_licence_status(self, customer: Customer) -> str:
        if customer.kyc_status != "pending" or customer.kyc_check_id is None:
            return customer.kyc_status
        try:
            result = await self._kyc.fetch_result(customer.kyc_check_id)
        except KycError:
            pass
        else:
            status = _KYC_STATUS.get(result.get("outcome", ""), "pending")
            if status != customer.kyc_status:
                await self._customers.set_kyc(customer.id, status)
                customer.kyc_status = status
        return customer.kyc_status

    async def grant_credit(self, customer_id: uuid.UUID, amount_cents: int, reason: str) -> int:
        balance = await self._customers.add_credit(customer_id, amount_cents)
        logger.info("granted %d cents credit to %s (%s)", amount_cents, customer_id, reason)
        return balance
