"""`python -m crkb`: the same as the `crkb` command (handy from a checkout without installing)."""

from .cli import main

# Guarded: the PDF layout's worker processes import the main module again.
if __name__ == "__main__":
    main()
