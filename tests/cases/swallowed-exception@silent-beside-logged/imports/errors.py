class ManifestError(Exception):
    """The uploaded manifest does not describe a valid import."""


class QuotaError(Exception):
    """The tenant has no import slots left."""
