"""crkb: customer-relations playbooks in every language of the site, checked and printable."""

from importlib.metadata import PackageNotFoundError, version

try:
    __version__ = version("crkb")
except PackageNotFoundError:  # running from a source tree that was not installed
    __version__ = "0.0.0"
