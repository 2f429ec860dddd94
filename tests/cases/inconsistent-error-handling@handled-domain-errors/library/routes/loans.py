from fastapi import APIRouter

from library.errors import BookMissing, LoanLimitReached
from library.store import Store

router = APIRouter(prefix="/loans")
store = Store()


@router.post("/{member}/{book}")
async def lend(member: int, book: int) -> dict:
    try:
        count = await store.lend(member, book)
    except LoanLimitReached as err:
        return {"lent": False, "error": str(err)}  # expect: inconsistent-error-handling
    return {"lent": True, "loans": count}


@router.get("/{book}/related")
async def related(book: int) -> dict:
    # an unknown book has no neighbours: an empty answer, not an error body
    try:
        titles = await store.related(book)
    except BookMissing:
        return {"titles": []}
    return {"titles": titles}


@router.get("/{member}/{book}/check")
async def check(member: int, book: int) -> dict:
    # the domain error goes on to the app-wide handler like everywhere else
    count = await store.lend(member, book)
    return {"loans": count}


@router.post("/{member}/{book}/renew")
async def renew(member: int, book: int) -> dict:
    try:
        count = await store.lend(member, book)
    except LoanLimitReached as err:
        return {"error": "loan_limit", "detail": str(err)}  # expect: inconsistent-error-handling
    return {"loans": count}
