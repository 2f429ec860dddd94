"""Wiring: one container per process, built in the lifespan."""
from __future__ import annotations

from contextlib import asynccontextmanager
from dataclasses import dataclass
from typing import Any, AsyncIterator

from fastapi import FastAPI

from cards.services import CardService, Receipt


@dataclass
class Container:
    cards: CardService
    issuer: Any


async def build_container(issuer: Any) -> Container:
    return Container(
        cards=CardService(issuer),
        issuer=issuer,
    )


async def receipt_text(issuer: Any, card_id: str) -> str:
    return Receipt(issuer).render() + await Receipt(issuer).line(card_id)


@asynccontextmanager
async def lifespan(app: FastAPI) -> AsyncIterator[None]:
    app.state.container = await build_container(object())
    yield


app = FastAPI(lifespan=lifespan)
