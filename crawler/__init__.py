"""spacewatch crawler: fetches and understands pages; stores them through ``storage``."""

__version__ = "0.1.0"
