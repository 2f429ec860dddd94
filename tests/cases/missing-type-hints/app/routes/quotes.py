from fastapi import APIRouter, Depends

from app.services.pricing import PriceBook, price_book

router = APIRouter(prefix="/quotes")


@router.get("/{symbol}")
async def get_quote(symbol, request, book: PriceBook = Depends(price_book)) -> dict:  # expect: missing-type-hints
    return {"symbol": symbol, "price": book.last(symbol)}


@router.get("")
async def list_quotes(book: PriceBook = Depends(price_book)) -> list[str]:
    return book.symbols()
