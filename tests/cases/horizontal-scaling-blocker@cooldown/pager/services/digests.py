"""Per-team digest mails, and a short-lived cache of rendered team pages."""
import time

from pager.services.mail import send_mail


class DigestSender:
    def __init__(self) -> None:
        self._last_digest = {}  # expect: horizontal-scaling-blocker
        self._rendered: dict[str, tuple[float, str]] = {}

    async def send_digests(self, teams: list[str]) -> int:
        sent = 0
        for team in teams:
            stamp = time.time()
            last = self._last_digest.get(team, 0.0)
            if stamp - last < 3600:
                continue
            self._last_digest[team] = stamp
            await send_mail(team, "hourly digest")
            sent += 1
        return sent

    def team_page(self, team: str) -> str:
        """A TTL cache: a recent entry is handed back, not refused."""
        now = time.monotonic()
        hit = self._rendered.get(team)
        if hit is not None and now - hit[0] < 30:
            return hit[1]
        page = f"<h1>{team}</h1>"
        self._rendered[team] = (now, page)
        return page
