"""Readers and converters for the field's dictionaries (PETRARCH, PETRARCH-2, TABARI).

Each reader turns a peer dictionary into Dyad's internal model (the same objects Dyad's own
formats load into), so that a peer file used directly and its conversion to Dyad's format
behave the same. Formats and mappings: docs/dictionaries.md, "Reading PETRARCH and TABARI
dictionaries".
"""


def cut_comment(text: str) -> str:
    """Text before a `#` (PETRARCH) or `;` (TABARI, PETRARCH-1) comment; both characters
    are kept inside brackets (TABARI's `[###]` code)."""
    depth = 0
    for i, ch in enumerate(text):
        if ch == "[":
            depth += 1
        elif ch == "]":
            depth = max(0, depth - 1)
        elif ch in "#;" and depth == 0:
            return text[:i]
    return text
