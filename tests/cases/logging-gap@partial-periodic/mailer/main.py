import asyncio
from contextlib import asynccontextmanager
from functools import partial

import httpx
from fastapi import FastAPI

from mailer.digest import DigestJob
from mailer.runtime import periodic, supervise


@asynccontextmanager
async def lifespan(app: FastAPI):
    http = httpx.AsyncClient(base_url="http://mail", timeout=10)
    digest = DigestJob(http, [1, 2, 3])
    digest_job = partial(periodic, 3600, digest.run_once)
    refresh_job = partial(periodic, 600, digest.refresh)
    digest_task = asyncio.create_task(supervise("digest", digest_job))
    refresh_task = asyncio.create_task(supervise("refresh", refresh_job))
    yield
    digest_task.cancel()
    refresh_task.cancel()
    await http.aclose()


app = FastAPI(lifespan=lifespan)
