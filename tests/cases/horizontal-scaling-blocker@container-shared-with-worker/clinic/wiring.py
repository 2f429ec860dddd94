"""One object graph, built by the API's lifespan and by the reminder worker's main."""
from dataclasses import dataclass

import redis.asyncio as redis

from clinic.services.booking import BookingService
from clinic.services.export import ExportGate
from clinic.services.sms import CodeSender


@dataclass
class Components:
    booking: BookingService
    codes: CodeSender
    exports: ExportGate


def assemble(url: str) -> Components:
    cache = redis.Redis.from_url(url)
    return Components(booking=BookingService(cache), codes=CodeSender(cache), exports=ExportGate())
