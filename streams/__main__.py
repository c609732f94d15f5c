"""`python -m streams …` is `tripwire …`: how the demo and tests start workers without the script."""

from streams.cli import main

main()
