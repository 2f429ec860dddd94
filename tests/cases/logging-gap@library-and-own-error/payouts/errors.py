class ProviderError(Exception):
    """The payout provider refused a transfer."""
