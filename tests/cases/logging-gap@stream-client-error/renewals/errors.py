class RegistryError(Exception):
    """The registry answered a command with an error code."""
