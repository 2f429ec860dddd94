from fastapi import Depends, FastAPI
from redis.asyncio import Redis

from promos.limits import LoginThrottle, PromoLimiter

app = FastAPI()
redis = Redis.from_url("redis://cache:6379/0", socket_timeout=2.0)


def get_limiter() -> PromoLimiter:
    return PromoLimiter(redis)


def get_throttle() -> LoginThrottle:
    return LoginThrottle(redis)


@app.post("/promos/{code}/redeem")
async def redeem(code: str, limiter: PromoLimiter = Depends(get_limiter)) -> dict[str, int]:
    return {"uses": await limiter.redeem(code, limit=100)}


@app.post("/promos/{code}/redeem-atomic")
async def redeem_atomic(code: str, limiter: PromoLimiter = Depends(get_limiter)) -> dict[str, int]:
    return {"uses": await limiter.redeem_atomic(code, limit=100)}


@app.post("/promos/{code}/touch")
async def touch(code: str, limiter: PromoLimiter = Depends(get_limiter)) -> dict[str, str]:
    await limiter.touch(code, limit=100)
    return {"status": "ok"}


@app.post("/login/{user}/failed")
async def failed_login(user: str, ip: str, throttle: LoginThrottle = Depends(get_throttle)) -> dict[str, str]:
    await throttle.record_failure(user)
    await throttle.remember_ip(user, ip)
    return {"status": "recorded"}
