"""Catalog API whose routes take either a relay id or a plain key."""
from fastapi import FastAPI, HTTPException
from strawberry.relay import GlobalID

from .ids import count_books, decode_key, from_global_id_with_type

app = FastAPI()
SHELVES: dict[int, dict] = {}
BY_SLUG: dict[str, dict] = {}


@app.get("/shelves")
async def list_shelves(shelf: list[str]) -> list[dict]:
    rowids, slugs = [], []
    for ref in shelf:
        try:
            rowid = from_global_id_with_type(GlobalID.from_id(ref), "Shelf")
            rowids.append(rowid)
        except Exception:  # expect: broad-except
            # look-alike: text that is no relay id is read as the shelf's slug
            slugs.append(ref)
    return [SHELVES[r] for r in rowids if r in SHELVES] + [BY_SLUG[s] for s in slugs if s in BY_SLUG]


@app.delete("/shelves/{shelf_ref}")
async def remove_shelf(shelf_ref: str) -> dict:
    try:
        rowid = from_global_id_with_type(GlobalID.from_id(shelf_ref), "Shelf")
        gone = SHELVES.pop(rowid, None)
    except Exception:  # expect: broad-except
        # look-alike: the same fallback, the raw key used as the slug
        gone = BY_SLUG.pop(shelf_ref.lower(), None)
    if gone is None:
        raise HTTPException(status_code=404, detail="no such shelf")
    return {"deleted": True}


@app.get("/shelves/{shelf_ref}/label")
async def shelf_label(shelf_ref: str) -> dict:
    try:
        shelf = SHELVES[decode_key(shelf_ref)]
    except Exception:  # expect: logging-gap, broad-except
        # a project helper doing anything, its failure answered as a default without a trace
        shelf = BY_SLUG.get(str(len(shelf_ref)), {})
    return {"label": shelf.get("label", "")}


@app.get("/shelves/{shelf_ref}/owner")
async def shelf_owner(shelf_ref: str) -> dict:
    try:
        rowid = from_global_id_with_type(GlobalID.from_id(shelf_ref), "Shelf")
    except Exception:  # look-alike: one conversion, its fallback a default id
        rowid = -1
    try:
        owner = SHELVES[rowid]["owner"]
    except Exception:  # expect: logging-gap
        # not a conversion of the route's input: a lookup whose failure is answered without a trace
        owner = BY_SLUG.get("unknown", {}).get("owner", "")
    return {"owner": owner}


@app.get("/shelves/{shelf_ref}/count")
async def shelf_count(shelf_ref: str) -> dict:
    try:
        rowid = int(shelf_ref)
        count = count_books(rowid)
    except Exception:  # expect: logging-gap, broad-except
        # opens with a conversion, but a project function runs after it: its failures land here too
        count = len(BY_SLUG)
    return {"count": count}
