from fastapi import FastAPI

from poll import routes, votes

app = FastAPI()
app.include_router(votes.router)
app.include_router(routes.router)
