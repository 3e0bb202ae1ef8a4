"""Item pipelines, in settings order:
normalize (100) -> fingerprint (200) -> flag (300) -> store (400)."""
