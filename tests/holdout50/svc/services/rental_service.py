from __future__ import annotations

import asyncio
import logging
import subprocess
from datetime import datetime, timedelta, timezone
from decimal import Decimal

from sqlalchemy.ext.asyncio import AsyncSession

from ..config import Settings
from ..db.models import Customer, Order, RentalContract, RentalLine
from ..repos.rental_repo import RentalRepository
from ..schemas import RentalCheckout
from ..utils.documents import render_agreement, write_agreement
from ..utils.locks import contract_locks, counters, inventory_locks
from .payment_service import PaymentService

log = logging.getLogger(__name__)

DEPOSIT_PER_ITEM = Decimal("50.00")


class OutOfStock(Exception):
    pass


class RentalService:
    def __init__(self, session: AsyncSession, payments: PaymentService, settings: Settings) -> None:
        self._session = session
        self._repo = RentalRepository(session)
        self._payments = payments
        self._settings = settings

    async def checkout(self, request: RentalCheckout, customer: Customer) -> RentalContract:
        items = await self._repo.items([line.item_id for line in request.lines])
        for line in request.lines:
            item = items.get(line.item_id)
            if item is None or item.quantity_available < line.quantity:
                raise OutOfStock(line.item_id)

        now = datetime.now(timezone.utc)
        contract = RentalContract(
            customer_id=customer.id,
            started_at=now,
            due_at=now + timedelta(days=request.days),
            deposit=DEPOSIT_PER_ITEM * sum(line.quantity for line in request.lines),
        )
        self._session.add(contract)
        await self._session.flush()

        total = Decimal("0")
        for line in request.lines:
            item = items[line.item_id]
            item.quantity_available -= line.quantity
            self._session.add(RentalLine(contract_id=contract.id, item_id=item.id, quantity=line.quantity))
            total += item.daily_rate * line.quantity * request.days

        order = Order(customer_id=customer.id, total=total + contract.deposit)
        self._session.add(order)
        await self._session.flush()
        await self._payments.capture_for_order(order, request.payment_token)
        await self._session.commit()

        body = render_agreement(
            contract.id,
            f"{customer.first_name} {customer.last_name}",
            [(f"{items[l.item_id].model} ({items[l.item_id].size})", l.quantity, items[l.item_id].daily_rate) for l in request.lines],
            contract.due_at,
        )
        agreement_path = write_agreement(self._settings.agreement_dir, contract.id, body)
        log.info("rental checked out", extra={"contract": contract.id, "agreement": agreement_path})
        counters.incr("rentals.checkout")
        return contract

    async def return_contract(self, contract_id: int) -> RentalContract:
        contract_lock = contract_locks.get(f"contract:{contract_id}")
        async with contract_lock:
            contract = await self._repo.contract(contract_id)
            if contract is None or contract.returned_at is not None:
                raise ValueError(f"contract {contract_id} is not out")
            for line in await self._repo.lines_for(contract_id):
                async with inventory_locks.get(f"item:{line.item_id}"):
                    await self._repo.restock(line.item_id, line.quantity)
            contract.returned_at = datetime.now(timezone.utc)
            contract.status = "returned"
            await self._session.commit()
        counters.incr("rentals.returned")
        return contract

    async def swap_item(self, contract_id: int, old_item_id: int, new_item_id: int) -> None:
        async with inventory_locks.get(f"item:{new_item_id}"):
            items = await self._repo.items([new_item_id])
            if new_item_id not in items or items[new_item_id].quantity_available < 1:
                raise OutOfStock(new_item_id)
            async with contract_locks.get(f"contract:{contract_id}"):
                for line in await self._repo.lines_for(contract_id):
                    if line.item_id == old_item_id:
                        line.item_id = new_item_id
                        break
                else:
                    raise ValueError("item not on contract")
                items[new_item_id].quantity_available -= 1
                await self._repo.restock(old_item_id, 1)
                self._session.commit()

    async def availability(self) -> list[dict]:
        items = await self._repo.all_items()
        open_lines = await self._repo.open_lines()
        report = []
        for item in items:
            out = sum(line.quantity for line in open_lines if line.item_id == item.id)
            report.append({"item_id": item.id, "kind": item.kind, "size": item.size, "out": out,
                           "available": item.quantity_available})
        return report

    async def print_labels(self, contract_id: int) -> None:
        lines = await self._repo.lines_for(contract_id)
        payload = "\n".join(f"C{contract_id}-I{line.item_id}" for line in lines)
        subprocess.run(
            ["lp", "-d", self._settings.label_printer, "-o", "media=Custom.62x29mm", "-"],
            input=payload.encode(),
            check=True,
            timeout=15,
        )

    async def print_receipt(self, contract_id: int) -> None:
        contract = await self._repo.contract(contract_id)
        text = f"Contract {contract_id} due {contract.due_at:%Y-%m-%d %H:%M}\n"
        await asyncio.to_thread(
            subprocess.run, ["lp", "-d", self._settings.label_printer, "-"], input=text.encode(), check=True, timeout=15
        )
