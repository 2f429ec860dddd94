import threading

from fastapi import FastAPI

from metrics import pusher

app = FastAPI()


@app.on_event("startup")
def start_pushers() -> None:
    threading.Thread(target=pusher.push_forever, daemon=True).start()
    threading.Thread(target=pusher.push_tight, daemon=True).start()
