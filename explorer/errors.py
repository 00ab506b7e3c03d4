"""One exception hierarchy for Explorer.

Every error Explorer raises derives from :class:`ExplorerError`; exceptions from third-party
libraries (geopy, sqlite3, dateparser, file readers, ...) are translated at the boundary into
one of these, with the original attached as ``__cause__``.
"""

from __future__ import annotations

__all__ = [
    "ClusterError",
    "ConfigurationError",
    "CorrectionError",
    "ExplorerError",
    "GazetteerError",
    "GeocoderError",
    "GeocoderQuotaExceeded",
    "GeocoderRateLimited",
    "GeocoderServiceError",
    "GeocoderTimedOut",
    "GeocoderUnavailable",
    "IngestError",
    "InvalidQuery",
    "NetworkDisabled",
    "QueryError",
    "TableError",
]


class ExplorerError(Exception):
    """Base class of every error raised by Explorer."""


class ConfigurationError(ExplorerError, ValueError):
    """A setting or argument is invalid (unknown backend name, missing user agent, ...)."""


class InvalidQuery(ExplorerError, ValueError):
    """A query cannot be looked up: empty, too long, or with no letters in it."""


class GazetteerError(ExplorerError):
    """The offline gazetteer could not be built, opened or read."""


class GeocoderError(ExplorerError):
    """Base class of errors from (online) geocoding back ends."""


class GeocoderServiceError(GeocoderError):
    """The service answered with an error."""


class GeocoderTimedOut(GeocoderError):
    """The service did not answer in time (after retries)."""


class GeocoderRateLimited(GeocoderError):
    """The service kept answering HTTP 429 (after retries)."""


class GeocoderQuotaExceeded(GeocoderError):
    """The service says the quota for this account is used up."""


class GeocoderUnavailable(GeocoderError):
    """The service could not be reached."""


class NetworkDisabled(GeocoderError):
    """An online back end was asked for but online geocoding is not enabled."""


class IngestError(ExplorerError):
    """A source file or feed could not be read."""


class TableError(ExplorerError):
    """An events table is malformed or cannot be read or written."""


class CorrectionError(ExplorerError):
    """A corrections file is malformed or cannot be written."""


class ClusterError(ExplorerError):
    """A Dask scheduler could not be reached, or the cluster failed while running the work."""


class QueryError(TableError):
    """An events table backed by Parquet could not be opened or queried (DuckDB)."""
