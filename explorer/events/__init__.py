"""Events: sentences, extraction, the events table, filtering, corrections, the pipeline."""

from explorer.events.corrections import Corrections
from explorer.events.extract import extract_events
from explorer.events.filter import Criteria, filter_events
from explorer.events.given import GivenEvents, load_events_file, read_events_file
from explorer.events.pipeline import IngestResult, ingest
from explorer.events.records import event_record, events_table
from explorer.events.sentences import split_sentences
from explorer.events.table import EventTable
from explorer.ingest.tables import is_events_table

__all__ = [
    "Corrections",
    "Criteria",
    "EventTable",
    "GivenEvents",
    "IngestResult",
    "event_record",
    "events_table",
    "extract_events",
    "filter_events",
    "ingest",
    "is_events_table",
    "load_events_file",
    "read_events_file",
    "split_sentences",
]
