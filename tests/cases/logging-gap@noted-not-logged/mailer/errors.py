class DeliveryError(Exception):
    """A provider refused or failed a send."""
