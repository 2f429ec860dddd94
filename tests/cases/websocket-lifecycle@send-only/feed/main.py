from fastapi import FastAPI

from feed.sockets import router

app = FastAPI()
app.state.alert_queues = {}
app.include_router(router)
