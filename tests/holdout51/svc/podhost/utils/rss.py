"""RSS 2.0 + iTunes/Podcasting 2.0 namespace rendering."""
from __future__ import annotations

from collections.abc import Iterable
from email.utils import format_datetime
from xml.etree import ElementTree as ET

from podhost.db.models import Episode, Show

ITUNES = "http://www.itunes.com/dtds/podcast-1.0.dtd"
PODCAST = "https://podcastindex.org/namespace/1.0"
ET.register_namespace("itunes", ITUNES)
ET.register_namespace("podcast", PODCAST)


def _fmt_duration(seconds: int | None) -> str:
    if not seconds:
        return "0:00"
    hours, rem = divmod(seconds, 3600)
    minutes, secs = divmod(rem, 60)
    return f"{hours}:{minutes:02d}:{secs:02d}" if hours else f"{minutes}:{secs:02d}"


def render_feed(show: Show, episodes: Iterable[Episode], enclosure_url, self_url: str) -> str:
    rss = ET.Element("rss", {"version": "2.0"})
    channel = ET.SubElement(rss, "channel")
    ET.SubElement(channel, "title").text = show.title
    ET.SubElement(channel, "description").text = show.description
    ET.SubElement(channel, "language").text = show.language
    ET.SubElement(channel, "link").text = self_url
    ET.SubElement(channel, f"{{{ITUNES}}}explicit").text = "true" if show.explicit else "false"
    ET.SubElement(channel, f"{{{ITUNES}}}category", {"text": show.category})
    if show.artwork_url:
        ET.SubElement(channel, f"{{{ITUNES}}}image", {"href": show.artwork_url})
    for episode in episodes:
        item = ET.SubElement(channel, "item")
        ET.SubElement(item, "title").text = episode.title
        ET.SubElement(item, "description").text = episode.summary
        ET.SubElement(item, "guid", {"isPermaLink": "false"}).text = episode.guid
        if episode.published_at:
            ET.SubElement(item, "pubDate").text = format_datetime(episode.published_at)
        ET.SubElement(
            item,
            "enclosure",
            {"url": enclosure_url(episode), "length": str(episode.audio_bytes or 0), "type": "audio/mpeg"},
        )
        ET.SubElement(item, f"{{{ITUNES}}}duration").text = _fmt_duration(episode.duration_seconds)
        if episode.season:
            ET.SubElement(item, f"{{{ITUNES}}}season").text = str(episode.season)
        if episode.number:
            ET.SubElement(item, f"{{{ITUNES}}}episode").text = str(episode.number)
        if episode.chapters:
            chapters = ET.SubElement(item, f"{{{PODCAST}}}chapters")
            for chapter in sorted(episode.chapters, key=lambda c: c.start_seconds):
                ET.SubElement(chapters, "chapter", {"start": str(chapter.start_seconds), "title": chapter.title})
    return ET.tostring(rss, encoding="unicode", xml_declaration=True)
