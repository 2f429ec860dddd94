class TransferBlocked(Exception):
    """A transfer the wallet refuses to make."""
