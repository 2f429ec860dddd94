from ledger.bank import Bank, BankError
from ledger.repo import NotFound, Wallet, WalletRepo


class WalletService:
    def __init__(self, bank: Bank, repo: WalletRepo) -> None:
        self.bank = bank
        self.repo = repo

    async def settle(self, owner: str, cents: int) -> bool:
        try:
            await self.bank.settle(owner, cents)
        except BankError:  # expect: logging-gap
            await self.repo.mark(owner, "unsettled")
            return False
        await self.repo.mark(owner, "settled")
        return True

    async def open_wallet(self, owner: str) -> Wallet:
        # look-alike: get-or-create, the missing wallet is the normal first-time branch
        try:
            wallet = await self.repo.find(owner)
        except NotFound:
            wallet = Wallet(owner)
            await self.repo.insert(wallet)
        return wallet
