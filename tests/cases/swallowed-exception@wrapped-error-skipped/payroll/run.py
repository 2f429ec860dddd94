import logging

from payroll.bank import AccountAlreadyExists, BankClient, BankTransferError

log = logging.getLogger(__name__)


async def pay_all(bank: BankClient, payslips: list[dict]) -> list[str]:
    paid = []
    for slip in payslips:
        try:
            ref = await bank.transfer(slip["account"], slip["net_cents"])
        except BankTransferError:  # expect: swallowed-exception
            continue
        paid.append(ref)
    return paid


async def pay_all_logged(bank: BankClient, payslips: list[dict]) -> list[str]:
    paid = []
    for slip in payslips:
        try:
            ref = await bank.transfer(slip["account"], slip["net_cents"])
        except BankTransferError as exc:
            log.warning("transfer for %s failed: %s", slip["id"], exc)
            continue
        paid.append(ref)
    return paid


async def ensure_payees(bank: BankClient, accounts: list[str]) -> None:
    for account in accounts:
        try:
            await bank.register(account)
        except AccountAlreadyExists:
            pass
