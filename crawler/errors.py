"""One exception family whose messages a user can act on; the CLI prints them as one line."""

from storage.errors import StorageError


class SpacewatchError(Exception):
    """Base of every error spacewatch reports to a user."""


class ConfigError(SpacewatchError):
    """The configuration is broken: the message names the key and what is wrong."""


class SourceError(SpacewatchError):
    """A source is unknown or cannot be crawled as configured."""


USER_ERRORS: tuple[type[Exception], ...] = (SpacewatchError, StorageError)
"""What the CLI turns into a one-line message and a non-zero exit."""
