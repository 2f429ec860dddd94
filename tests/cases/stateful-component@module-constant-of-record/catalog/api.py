"""HTTP endpoints of the catalogue."""
from __future__ import annotations

from fastapi import FastAPI

from .models import tracker
from .parsing import artist_from_row, artists_of_track

app = FastAPI()


@app.post("/artists")
async def import_artist(row: dict) -> dict:
    artist = artist_from_row(row)
    artist.add_external_id("provider", row["id"])
    return {"id": artist.item_id, "mbid": artist.external_id("musicbrainz")}


@app.post("/tracks")
async def import_track(row: dict) -> dict:
    return {"artists": [a.item_id for a in artists_of_track(row)]}


@app.post("/views/{user_id}/{item_id}")
async def view(user_id: str, item_id: str) -> dict:
    tracker.record(user_id, item_id)
    return {"last": tracker.last(user_id)}
