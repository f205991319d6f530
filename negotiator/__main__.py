"""``python -m negotiator``."""

from negotiator.cli import main

main()
