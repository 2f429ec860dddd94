import asyncio
from contextlib import asynccontextmanager

from fastapi import FastAPI

from hooks.api import router
from hooks.workers import AuditTrail, DeliveryEventConsumer, RefundEventConsumer


@asynccontextmanager
async def lifespan(app: FastAPI):
    app.state.delivery_consumer = DeliveryEventConsumer()
    app.state.refund_consumer = RefundEventConsumer()
    app.state.audit = AuditTrail()
    tasks = [asyncio.create_task(app.state.delivery_consumer.run()),
             asyncio.create_task(app.state.refund_consumer.run()),
             asyncio.create_task(app.state.audit.run())]
    yield
    for task in tasks:
        task.cancel()
    await asyncio.gather(*tasks, return_exceptions=True)


app = FastAPI(lifespan=lifespan)
app.include_router(router)
