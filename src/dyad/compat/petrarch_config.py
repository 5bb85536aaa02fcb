"""PETRARCH's coding options (`require_dyad`, `comma_*`) read from its config file or from
the `<Config>` lines of its validation files, as Dyad coding options.

    from dyad.compat.petrarch_config import coding_options, read_config
    coder = Coder(CoderConfig(**read_config(Path("PETR_config.ini"))))

PETRARCH's coding rules come with them (`petrarch_rules`: an agent of no known country is
'---' + its sector, statements are coded beside other events, tense leaves a dictionary's
code alone). PETRARCH's defaults apply to what the options leave out: events need a source and a target
(`require_dyad = True`), comma-delimited clauses of 2-8 words inside and at the end of a
sentence are not coded (docs/dictionaries.md, "PETRARCH's options"). Options Dyad has no use
for (output files, pauses, `new_actor_length`, ...) are ignored.
"""

from __future__ import annotations

import configparser
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from dyad.commas import OPTION_NAMES, CommaClauses

TRUE = frozenset({"true", "yes", "on", "1"})
FALSE = frozenset({"false", "no", "off", "0"})


def coding_options(options: Mapping[str, str]) -> dict[str, Any]:
    """`require_dyad` and `comma_clauses` for a CoderConfig from PETRARCH option names and
    values (strings), PETRARCH's defaults filling the rest. ValueError names a bad value."""
    require = str(options.get("require_dyad", "true")).strip().lower()
    if require not in TRUE | FALSE:
        raise ValueError(f"require_dyad must be true or false, got {options['require_dyad']!r}")
    commas = CommaClauses.from_options({k: v for k, v in options.items() if k in OPTION_NAMES})
    return {"require_dyad": require in TRUE, "comma_clauses": commas if commas.active else None,
            "petrarch_rules": True}


def read_config(path: Path) -> dict[str, Any]:
    """The coding options of a PETRARCH config file's `[Options]` section."""
    parser = configparser.ConfigParser(inline_comment_prefixes=("#", ";"))
    try:
        parser.read_string(Path(path).read_text(encoding="utf-8", errors="replace"), source=str(path))
    except configparser.Error as exc:
        raise ValueError(f"{path}: not a PETRARCH config file: {exc}") from None
    if not parser.has_section("Options"):
        raise ValueError(f"{path}: no [Options] section")
    options = {k.lower(): v for k, v in parser.items("Options")}
    try:
        return coding_options(options)
    except ValueError as exc:
        raise ValueError(f"{path}: [Options] {exc}") from None
