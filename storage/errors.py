"""Storage errors carry a message a user can act on; the CLI prints it as one line."""


class StorageError(Exception):
    """The database cannot be opened, is of a newer version, or refused a write."""
