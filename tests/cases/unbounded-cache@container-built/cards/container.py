"""Wiring: one container per process, built in the lifespan."""
from __future__ import annotations

from contextlib import asynccontextmanager
from dataclasses import dataclass
from typing import Any, AsyncIterator

from fastapi import FastAPI

from cards.services import CardService, FeeService, FeeWorker, Receipt


@dataclass
class Container:
    cards: CardService
    issuer: Any
    worker: FeeWorker | None = None


async def build_container(issuer: Any) -> Container:
    fees = FeeService(issuer)  # kept by the worker the container holds, for the life of the process
    return Container(
        cards=CardService(issuer),
        issuer=issuer,
        worker=FeeWorker(fees),
    )


async def _render(receipt: Receipt, card_id: str) -> str:
    return receipt.render() + await receipt.line(card_id)


async def receipt_for(issuer: Any, card_id: str) -> str:
    receipt = Receipt(issuer)  # a local of one call: the function it is handed only uses it
    return await _render(receipt, card_id)


async def receipt_text(issuer: Any, card_id: str) -> str:
    return Receipt(issuer).render() + await Receipt(issuer).line(card_id)


@asynccontextmanager
async def lifespan(app: FastAPI) -> AsyncIterator[None]:
    app.state.container = await build_container(object())
    yield


app = FastAPI(lifespan=lifespan)
