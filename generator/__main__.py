"""`python -m generator` is `specgen`."""

from generator.cli import main

main()
