"""Rows from the provider API turned into records."""
from __future__ import annotations

from .models import UNKNOWN_ARTIST, ArtistRef


def artist_from_row(row: dict) -> ArtistRef:
    artist = ArtistRef(row["id"], row["name"])
    if row.get("mbid"):
        artist.add_external_id("musicbrainz", row["mbid"])
    return artist


def artists_of_track(row: dict) -> list[ArtistRef]:
    found = [ArtistRef(a["id"], a["name"]) for a in row.get("artists", ())]
    return found or [UNKNOWN_ARTIST]


def guest_artist(row: dict) -> ArtistRef:
    return ArtistRef(row["guest_id"], row["guest_name"])
