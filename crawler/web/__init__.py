"""`spacewatch serve`: the read-only web page (HTML, Atom, JSON API)."""
