"""`python -m ukg` is the same as `ukg`."""

from ukg.cli import main

main()
