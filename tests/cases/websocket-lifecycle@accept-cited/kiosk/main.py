from fastapi import FastAPI

from kiosk import admin, sockets

app = FastAPI()
app.include_router(sockets.router)
app.include_router(admin.router)
