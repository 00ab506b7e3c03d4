"""The offline gazetteer: GeoNames-derived data compiled into an on-disk index.

No text logic lives here: callers pass names, the gazetteer answers with entries.
"""

from explorer.gazetteer.normalize import name_key
from explorer.gazetteer.store import (
    Gazetteer,
    Match,
    build_index,
    default_gazetteer,
    index_path,
)

__all__ = ["Gazetteer", "Match", "build_index", "default_gazetteer", "index_path", "name_key"]
