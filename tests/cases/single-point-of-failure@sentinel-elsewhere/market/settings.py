import os

SENTINELS = [("sentinel-a.internal", 26379), ("sentinel-b.internal", 26379), ("sentinel-c.internal", 26379)]
CACHE_MASTER = os.getenv("CACHE_MASTER", "cache")
SESSION_HOST = os.getenv("SESSION_REDIS_HOST", "sessions.internal")
SESSION_PORT = int(os.getenv("SESSION_REDIS_PORT", "6379"))
