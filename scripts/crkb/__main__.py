"""`python -m crkb`: the same as the `crkb` command (handy from a checkout without installing)."""

from .cli import main

main()
