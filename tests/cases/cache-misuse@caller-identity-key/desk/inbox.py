class InboxService:
    def __init__(self, repo, local_cache, settings) -> None:
        self.repo = repo
        self.local_cache = local_cache
        self.settings = settings

    async def page(self, viewer, page: int) -> list:
        cache_key = f"inbox:{page}"  # expect: cache-misuse
        cached = self.local_cache.get(cache_key)
        if cached is not None:
            return cached
        rows = await self.repo.messages(recipient=viewer.id, page=page)
        self.local_cache.set(cache_key, rows)
        return rows

    async def announcements(self, settings, page: int) -> list:
        # look-alike: a setting read off an object parameter is no identity of the caller
        cache_key = f"announcements:{page}"
        cached = self.local_cache.get(cache_key)
        if cached is not None:
            return cached
        rows = await self.repo.announcements(page=page, size=settings.page_size)
        self.local_cache.set(cache_key, rows)
        return rows
