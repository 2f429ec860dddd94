class ProviderError(Exception):
    """The payment provider answered with an error."""


class LedgerError(Exception):
    """The ledger rejected an entry."""
