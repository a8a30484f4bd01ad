"""`python -m graph_loader` is the same as `ukg`."""

from graph_loader.cli import main

main()
