"""Errors the store raises for bad requests; each message is one sentence for the operator."""


class StoreError(Exception):
    """Base: the request cannot be carried out; nothing was written."""


class NotFound(StoreError):
    pass


class AlreadyExists(StoreError):
    pass


class InvalidInput(StoreError):
    pass


class ServiceStartError(Exception):
    """A part of `mailwall serve` could not start (a port in use, say); one sentence."""
