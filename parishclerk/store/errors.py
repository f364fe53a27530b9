"""What can go wrong with a data folder, each with a message a clerk can act on."""


class StoreError(Exception):
    """Base class: ``str(error)`` is a one-line message naming the file or record."""


class StoreLocked(StoreError):
    """Another copy of the program is writing to the folder."""


class StoreDamaged(StoreError):
    """A file in the folder cannot be read; nothing has been overwritten."""


class NoCouncil(StoreError):
    """The folder holds no council yet."""


class ReadOnly(StoreError):
    """A write was attempted on a store opened read-only."""


class NotFound(StoreError):
    """A record asked for by identifier does not exist."""


class Conflict(StoreError):
    """A write that would break a rule of the records (a duplicate, a dangling reference)."""


class FileBusy(StoreError):
    """A file could not be replaced or deleted because another program holds it open."""
