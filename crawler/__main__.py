"""``python -m crawler`` is ``spacewatch``."""

from crawler.cli import main

main()
