"""Readers and converters for the field's dictionaries (PETRARCH, PETRARCH-2, TABARI).

Each reader turns a peer dictionary into Dyad's internal model (the same objects Dyad's own
formats load into), so that a peer file used directly and its conversion to Dyad's format
behave the same. Formats and mappings: docs/dictionaries.md, "Reading PETRARCH and TABARI
dictionaries".
"""
