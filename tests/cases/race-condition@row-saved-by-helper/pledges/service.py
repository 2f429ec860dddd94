from .repository import CampaignRepository


class CampaignService:
    def __init__(self, repo: CampaignRepository) -> None:
        self._repo = repo

    async def record_cash(self, campaign_id: int, amount_cents: int) -> int:
        campaign = await self._repo.get(campaign_id)
        campaign.raised_cents += amount_cents  # expect: race-condition
        await self._repo.save(campaign)
        return campaign.raised_cents

    async def record_online(self, campaign_id: int, amount_cents: int) -> None:
        # correct: the database adds to the total in one statement
        await self._repo.add_to_total(campaign_id, amount_cents)

    async def preview(self, campaign_id: int, amount_cents: int) -> str:
        # correct: the stepped copy is only shown, never written back
        campaign = await self._repo.get(campaign_id)
        campaign.pledges += 1
        return self._repo.describe(campaign)
