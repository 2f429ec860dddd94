from fastapi import APIRouter, Depends, Query

from .stores import EntryStore, ReceiptStore, TagStore

router = APIRouter()


def entry_store() -> EntryStore: ...


def receipt_store() -> ReceiptStore: ...


@router.get("/entries")
async def batch_entries(ids: list[int] = Query(...), store: EntryStore = Depends(entry_store)) -> list:
    return await store.get_entries(ids)


@router.get("/receipts")
async def batch_receipts(ids: list[int] = Query(...), store: ReceiptStore = Depends(receipt_store)) -> list:
    return await store.get_receipts(ids)


def tag_store() -> TagStore: ...


@router.get("/tags")
async def batch_tags(ids: list[int] = Query(...), store: TagStore = Depends(tag_store)) -> list:
    return await store.get_tags(ids)
