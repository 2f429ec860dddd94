"""Lending desk: check-outs and fines."""
from fastapi import HTTPException
from sqlalchemy import select

from lending.db import Gateway, committing
from lending.models import Member, Shelf


class LoanDesk:
    def __init__(self, gateway: Gateway) -> None:
        self._gateway = gateway

    async def check_out(self, shelf_id: int) -> int:
        async with self._gateway.unit() as session:
            shelf = await session.get(Shelf, shelf_id)
            if shelf is None:
                raise HTTPException(status_code=404)
            if shelf.on_loan >= shelf.copies:  # expect: race-condition
                raise HTTPException(status_code=409, detail="all copies are out")
            shelf.on_loan = shelf.on_loan + 1
        return shelf.on_loan

    async def check_out_locked(self, shelf_id: int) -> int:
        async with self._gateway.unit() as session:
            shelf = await session.scalar(select(Shelf).where(Shelf.id == shelf_id).with_for_update())
            if shelf is None or shelf.on_loan >= shelf.copies:
                raise HTTPException(status_code=409, detail="all copies are out")
            shelf.on_loan = shelf.on_loan + 1
        return shelf.on_loan

    async def preview(self, shelf_id: int) -> int:
        async with self._gateway.reading() as session:
            shelf = await session.get(Shelf, shelf_id)
            if shelf is None or shelf.on_loan >= shelf.copies:
                raise HTTPException(status_code=409, detail="all copies are out")
            shelf.on_loan += 1  # a what-if on a session that is never committed
        return shelf.on_loan


async def add_fine(member_id: int, cents: int) -> None:
    async with committing() as session:
        member = await session.get(Member, member_id)
        member.fines_cents += cents  # expect: race-condition
