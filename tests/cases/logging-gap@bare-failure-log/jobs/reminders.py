import logging

log = logging.getLogger(__name__)


class SmsError(Exception):
    pass


async def send_reminders(sms, appointments) -> int:
    sent = 0
    for appt in appointments:
        try:
            await sms.send(appt.phone, f"Reminder: {appt.starts_at:%H:%M}")
        except SmsError:
            log.warning("reminder sms failed")  # expect: logging-gap
            continue
        sent += 1
    return sent


async def send_receipts(sms, orders) -> None:
    # look-alikes: the item and the error are logged, or the traceback is kept
    for order in orders:
        try:
            await sms.send(order.phone, "Thanks for your order")
        except SmsError as exc:
            log.warning("receipt sms for order %s failed: %s", order.id, exc)
    for order in orders:
        try:
            await sms.send(order.phone, "Your order shipped")
        except SmsError:
            log.exception("shipping sms failed")


async def ping(sms) -> None:
    # look-alike: not in a loop, one call whose failure is the whole story
    try:
        await sms.ping()
    except SmsError:
        log.warning("sms provider unreachable")


async def poll_forever(redis, poll) -> None:
    # look-alike: not per item; the message is the whole story of an expected condition
    while True:
        try:
            await poll()
        except TimeoutError:
            log.warning("poll lock expired before release")
