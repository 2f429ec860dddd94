"""RSS 2.0 + iTunes namespace rendering."""
from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from email.utils import format_datetime
from xml.etree import ElementTree as ET

ITUNES_NS = "http://www.itunes.com/dtds/podcast-1.0.dtd"
PODCAST_NS = "https://podcastindex.org/namespace/1.0"
ET.register_namespace("itunes", ITUNES_NS)
ET.register_namespace("podcast", PODCAST_NS)


def _sub(parent: ET.Element, tag: str, text: str | None = None, **attrs: str) -> ET.Element:
    el = ET.SubElement(parent, tag, attrs)
    if text is not None:
        el.text = text
    return el


def _itunes(tag: str) -> str:
    return f"{{{ITUNES_NS}}}{tag}"


def format_duration(seconds: int | None) -> str:
    if not seconds:
        return "00:00:00"
    hours, rest = divmod(seconds, 3600)
    minutes, secs = divmod(rest, 60)
    return f"{hours:02d}:{minutes:02d}:{secs:02d}"


def render_feed(show: Mapping, episodes: Sequence[Mapping], base_url: str) -> bytes:
    rss = ET.Element("rss", {"version": "2.0"})
    channel = _sub(rss, "channel")
    _sub(channel, "title", show["title"])
    _sub(channel, "link", f"{base_url}/shows/{show['slug']}")
    _sub(channel, "description", show.get("description") or "")
    _sub(channel, "language", show.get("language", "en"))
    _sub(channel, _itunes("explicit"), "true" if show.get("explicit") else "false")
    _sub(channel, _itunes("category"), None, text=show.get("category", "Technology"))
    if show.get("artwork_url"):
        _sub(channel, _itunes("image"), None, href=show["artwork_url"])
    _sub(channel, "lastBuildDate", format_datetime(dt.datetime.now(dt.timezone.utc)))

    for ep in episodes:
        item = _sub(channel, "item")
        _sub(item, "title", ep["title"])
        _sub(item, "guid", ep["guid"], isPermaLink="false")
        _sub(item, "description", ep.get("summary") or "")
        if ep.get("published_at"):
            _sub(item, "pubDate", format_datetime(ep["published_at"]))
        _sub(item, _itunes("duration"), format_duration(ep.get("duration_seconds")))
        _sub(item, _itunes("episode"), str(ep["number"]))
        if ep.get("enclosure_url"):
            _sub(
                item,
                "enclosure",
                None,
                url=ep["enclosure_url"],
                length=str(ep.get("enclosure_length", 0)),
                type=ep.get("enclosure_type", "audio/mpeg"),
            )
    return ET.tostring(rss, encoding="utf-8", xml_declaration=True)
