"""The objects the lobby app keeps for every request."""
import redis.asyncio as aioredis
from aiohttp import web

from lounge.hubs import LobbyHub, TableHub

LOBBY = web.AppKey("lobby", LobbyHub)
TABLES = web.AppKey("tables", TableHub)
REDIS = web.AppKey("redis", aioredis.Redis)
