"""Upstream links, one per peer, opened on demand."""
import httpx


class LinkPool:
    def __init__(self) -> None:
        self.open: dict[str, httpx.AsyncClient] = {}
        self.opening: set[str] = set()
        self.draining: set[str] = set()
        self.banned: set[str] = set()

    async def connect(self, peer: str) -> None:
        # `opening` is claimed before the first await: a second call finds the peer there and leaves
        if peer in self.open or peer in self.opening or peer in self.draining:
            return
        self.opening.add(peer)
        client = httpx.AsyncClient(base_url=f"https://{peer}", timeout=10.0)
        try:
            await client.get("/health")
            self.open[peer] = client
        finally:
            self.opening.discard(peer)

    async def connect_noted(self, peer: str) -> None:
        # the claim goes into a set the test does not read: two calls both pass
        if peer in self.open or peer in self.draining:  # expect: race-condition
            return
        self.banned.add(peer)
        client = httpx.AsyncClient(base_url=f"https://{peer}", timeout=10.0)
        await client.get("/health")
        self.open[peer] = client

    async def connect_sometimes(self, peer: str, eager: bool) -> None:
        # only one path claims the peer before the await
        if peer in self.open or peer in self.opening:  # expect: race-condition
            return
        if eager:
            self.opening.add(peer)
        client = httpx.AsyncClient(base_url=f"https://{peer}", timeout=10.0)
        await client.get("/health")
        self.open[peer] = client
        self.opening.discard(peer)
