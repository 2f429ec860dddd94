from alerts.hooks import FaxGateway, SmsGateway


class Notices:
    def __init__(self, repo, sms: SmsGateway, fax: FaxGateway) -> None:
        self._repo = repo
        self._sms = sms
        self._fax = fax

    async def frost(self, farm: int, phone: str, dedupe_key: str) -> bool:
        notice_id = await self._repo.insert(farm, "frost", dedupe_key)
        if notice_id is None:
            return False
        await self._sms.send(phone, "frost expected tonight")
        return True

    async def invoice(self, external_id: str, number: str) -> bool:
        # look-alike: a lookup of the invoice, not a claim: a later run finds it again and resends
        invoice = await self._repo.find(external_id)
        if invoice is None:
            return False
        await self._fax.send(number, f"invoice {external_id}")
        return True


async def nightly(notices: Notices, farms: list[tuple[int, str]], day: str) -> None:
    for farm, phone in farms:
        await notices.frost(farm, phone, f"frost:{farm}:{day}")
        await notices.invoice(f"inv-{farm}-{day}", phone)
