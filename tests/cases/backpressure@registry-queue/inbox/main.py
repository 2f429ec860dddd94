from fastapi import FastAPI

from inbox.sockets import router

app = FastAPI()
app.state.inboxes = {}
app.state.bounded_inboxes = {}
app.include_router(router)
