"""Dictionaries given on the command line (`--dictionary PATH`): detect their kind and
put them in a coder configuration, replacing the built-in dictionary of that kind."""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Sequence
from pathlib import Path

from dyad.actors import KINDS
from dyad.patterns import pattern_files
from dyad.pipeline import CoderConfig


class DictionaryKindError(ValueError):
    pass


def _sample_lines(path: Path, n: int = 200) -> list[str]:
    lines = []
    with path.open(encoding="utf-8", errors="replace") as fh:
        for line in fh:
            text = line.rstrip("\n")
            if text.strip() and not text.lstrip().startswith("#"):
                lines.append(text)
                if len(lines) >= n:
                    break
    return lines


def detect_kind(path: Path) -> str:
    """'actors', 'agents', 'verbs' or 'nouns' for a file in one of Dyad's formats, 'patterns'
    for a pattern directory (with verbs/ and nouns/)."""
    if path.is_dir():
        if pattern_files(path):
            return "patterns"
        raise DictionaryKindError(f"{path}: a directory must hold Dyad pattern files under verbs/ and nouns/")
    lines = _sample_lines(path)
    if not lines:
        raise DictionaryKindError(f"{path}: the dictionary is empty")
    tab_cols = [line.split("\t") for line in lines]
    if all(len(c) >= 3 and c[1].strip() in KINDS for c in tab_cols):
        return "actors"
    if all(len(c) in (2, 3) and re.fullmatch(r"([A-Z]{3})+", c[0].strip()) for c in tab_cols):
        return "agents"
    if all(re.match(r"^\s*(=|\d{3,4})\s+\S", line) for line in lines):
        return "nouns" if "noun" in path.name.lower() else "verbs"
    raise DictionaryKindError(
        f"{path}: not a dictionary in one of Dyad's formats (actor TSV, agent TSV, pattern file; "
        f"see docs/dictionaries.md). PETRARCH/TABARI dictionaries are read by `dyad dict convert` "
        f"once converted (issue 4)."
    )


def config_with_dictionaries(config: CoderConfig, paths: Sequence[Path]) -> CoderConfig:
    """A copy of `config` whose dictionaries of each given kind are the given files."""
    actors: list[Path] = []
    agents: list[Path] = []
    patterns: list[tuple[Path, bool]] = []
    for path in paths:
        kind = detect_kind(path)
        if kind == "actors":
            actors.append(path)
        elif kind == "agents":
            agents.append(path)
        elif kind == "patterns":
            patterns.extend(pattern_files(path))
        else:
            patterns.append((path, kind == "nouns"))
    return dataclasses.replace(
        config,
        actor_dictionaries=actors or config.actor_dictionaries,
        agent_dictionaries=agents or config.agent_dictionaries,
        pattern_files=patterns or config.pattern_files,
    )
