from . import admin, billing, chat_ws, discovery, health, matches, photos, presence_ws, profiles

ALL_ROUTERS = (
    health.router,
    profiles.router,
    photos.router,
    discovery.router,
    matches.router,
    billing.router,
    admin.router,
    chat_ws.router,
    presence_ws.router,
)
