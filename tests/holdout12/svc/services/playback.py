"""HLS manifest generation with entitlement checks."""
import copy
import logging
import uuid
from string import Template
from typing import Any

from cachetools import TTLCache

from svc.cache import EntitlementCache
from svc.clients.media import StorageClient
from svc.config import Settings
from svc.errors import EntitlementDenied
from svc.media import codec_string
from svc.repositories import VideoRepository

logger = logging.getLogger(__name__)

AUDIO_ONLY = {"height": 0, "bandwidth": 96_000, "codecs": "mp4a.40.2", "playlist_key": "audio/index.m3u8"}


def _load_template(path: str) -> Template:
    with open(path, encoding="utf-8") as fh:
        return Template(fh.read())


class ManifestService:
    def __init__(
        self,
        videos: VideoRepository,
        storage: StorageClient,
        entitlements: EntitlementCache,
        settings: Settings,
    ) -> None:
        self._videos = videos
        self._storage = storage
        self._entitlements = entitlements
        self._settings = settings
        self._renditions: TTLCache[uuid.UUID, list[dict[str, Any]]] = TTLCache(maxsize=20_000, ttl=120)

    async def _renditions_for(self, video_id: uuid.UUID) -> list[dict[str, Any]]:
        cached_renditions = self._renditions.get(video_id)
        if cached_renditions is not None:
            return cached_renditions
        rows = await self._videos.renditions(video_id)
        rows.sort(key=lambda r: r["bandwidth"], reverse=True)
        self._renditions[video_id] = rows
        return rows

    async def _authorize(self, viewer_id: uuid.UUID | None, video: Any) -> None:
        if video["required_tier"] is None:
            return
        if viewer_id is None:
            raise EntitlementDenied("sign in to watch")
        entitled = await self._entitlements.creators_for(viewer_id)
        if str(video["creator_id"]) not in entitled:
            raise EntitlementDenied("subscription required", creator_id=str(video["creator_id"]))

    async def master_playlist(self, video_id: uuid.UUID, viewer_id: uuid.UUID | None, max_height: int) -> str:
        video = await self._videos.get_video(video_id)
        await self._authorize(viewer_id, video)
        renditions = copy.deepcopy(await self._renditions_for(video_id))
        lines = []
        for r in renditions:
            if r["height"] > max_height:
                continue
            lines.append(
                f'#EXT-X-STREAM-INF:BANDWIDTH={r["bandwidth"]},RESOLUTION={r["height"] * 16 // 9}x{r["height"]},'
                f'CODECS="{codec_string(r["height"])}"\n{self._storage.cdn_url(r["playlist_key"])}'
            )
        template = _load_template(self._settings.manifest_template_path)
        return template.substitute(variants="\n".join(lines), video_id=video_id)

    async def audio_first_playlist(self, video_id: uuid.UUID, viewer_id: uuid.UUID | None) -> list[dict[str, Any]]:
        video = await self._videos.get_video(video_id)
        await self._authorize(viewer_id, video)
        renditions = await self._renditions_for(video_id)
        renditions.insert(0, AUDIO_ONLY)
        return renditions

    async def download_link(self, video_id: uuid.UUID, viewer_id: uuid.UUID) -> str:
        video = await self._videos.get_video(video_id)
        await self._authorize(viewer_id, video)
        return self._storage.signed_url(f"downloads/{video_id}.mp4", expires_in=900)
