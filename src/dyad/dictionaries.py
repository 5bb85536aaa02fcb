"""Dictionaries given on the command line (`--dictionary PATH`): detect their kind and
format (Dyad's own, or PETRARCH/TABARI), and put them in a coder configuration, replacing
the built-in dictionary of that kind; `read_any` reads one into the internal model for
`dyad dict check` and `dyad dict convert`."""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from dyad.actors import KINDS
from dyad.patterns import pattern_files
from dyad.pipeline import CoderConfig

KIND_NAMES = ("actors", "agents", "verbs", "nouns", "patterns", "discards", "issues")


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


def detect(path: Path) -> tuple[str, str]:
    """(kind, format): kind one of KIND_NAMES, format "dyad" or "petrarch"."""
    from dyad.compat import petrarch_actors, petrarch_verbs

    if path.is_dir():
        if pattern_files(path):
            return "patterns", "dyad"
        raise DictionaryKindError(f"{path}: a directory must hold Dyad pattern files under verbs/ and nouns/")
    lines = _sample_lines(path)
    if not lines:
        raise DictionaryKindError(f"{path}: the dictionary is empty")
    tab_cols = [line.split("\t") for line in lines]
    if all(len(c) >= 3 and c[1].strip() in KINDS for c in tab_cols):
        return "actors", "dyad"
    if all(re.match(r"^\s*(=|-|\d{3,4})\s+\S", line) for line in lines):
        return ("nouns" if "noun" in path.name.lower() else "verbs"), "dyad"
    found = petrarch_actors.detect_format(path)
    if found is not None:
        return found
    if all(len(c) in (2, 3) and re.fullmatch(r"([A-Z]{3})+", c[0].strip()) for c in tab_cols):
        return "agents", "dyad"
    if petrarch_verbs.detect(path):
        return "verbs", "petrarch"
    raise DictionaryKindError(
        f"{path}: not a dictionary in a format Dyad reads (Dyad's actor, agent, pattern, discard and "
        f"issue formats, or PETRARCH/TABARI actor, agent, verb, discard and issue files; see docs/dictionaries.md)"
    )


def detect_kind(path: Path) -> str:
    return detect(path)[0]


def config_with_dictionaries(config: CoderConfig, paths: Sequence[Path]) -> CoderConfig:
    """A copy of `config` whose dictionaries of each given kind are the given files."""
    chosen: dict[str, list] = {k: [] for k in KIND_NAMES}
    for path in paths:
        kind, fmt = detect(Path(path))
        if kind == "patterns":
            chosen["patterns"].extend(pattern_files(Path(path)))
        elif kind in ("verbs", "nouns") and fmt == "dyad":
            chosen["patterns"].append((Path(path), kind == "nouns"))
        elif kind == "verbs":
            chosen["verbs"].append(Path(path))
        else:
            chosen[kind].append(Path(path))
    replaced_patterns = bool(chosen["patterns"] or chosen["verbs"])
    return dataclasses.replace(
        config,
        actor_dictionaries=chosen["actors"] or config.actor_dictionaries,
        agent_dictionaries=chosen["agents"] or config.agent_dictionaries,
        pattern_files=chosen["patterns"] if replaced_patterns else config.pattern_files,
        verb_dictionaries=chosen["verbs"] if replaced_patterns else config.verb_dictionaries,
        discard_files=chosen["discards"] or config.discard_files,
        issue_files=chosen["issues"] or config.issue_files,
    )


@dataclass
class Checked:
    """What reading one dictionary gave: its kind and format, the model, the entries read and
    the lines rejected ("file:line: reason")."""

    path: Path
    kind: str
    fmt: str
    model: object
    entries: int
    problems: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)


def read_any(path: Path, ontology=None) -> Checked:
    """Read a dictionary of any kind and format into Dyad's internal model."""
    from dyad.compat import petrarch_actors, petrarch_verbs
    from dyad.ontology import default_ontology
    from dyad.patterns import DATA_PATTERNS, load_patterns

    path = Path(path)
    kind, fmt = detect(path)
    if kind in ("verbs", "nouns", "patterns") and fmt == "dyad":
        # read as the coder reads a user's pattern files: codes outside the CAMEO table kept
        files = pattern_files(path) if kind == "patterns" else [(path, kind == "nouns")]
        pset = load_patterns(DATA_PATTERNS, ontology, files)
        return Checked(path, kind, fmt, pset, len(pset.all_patterns()), list(pset.problems),
                       _outside_cameo(pset, ontology or default_ontology()))
    if kind == "verbs":
        result = petrarch_verbs.read_verbs(path, ontology)
        return Checked(path, kind, fmt, result.patterns, len(result.patterns.all_patterns()), list(result.problems),
                       [result.summary()] + _outside_cameo(result.patterns, ontology or default_ontology()))
    result = petrarch_actors.read_dictionary(path, kind, fmt)
    notes = result.notes if isinstance(result.notes, list) else [str(result.notes)] if result.notes else []
    return Checked(path, kind, fmt, result.model, result.entries, list(result.problems), notes)


def _outside_cameo(pset, ontology) -> list[str]:
    """A note on the event codes of a pattern set that Dyad's CAMEO table does not have
    (kept when coding: they get no Goldstein value, QuadClass or PLOVER type)."""
    codes: dict[str, int] = {}
    for p in pset.all_patterns():
        for code in (p.code, p.reverse_code):
            if code and code not in ("=", "-") and code not in ontology.codes:
                codes[code] = codes.get(code, 0) + 1
    if not codes:
        return []
    listed = ", ".join(sorted(codes)[:12]) + (", …" if len(codes) > 12 else "")
    return [f"{sum(codes.values())} patterns with {len(codes)} codes outside Dyad's CAMEO table, kept when "
            f"coding (no Goldstein value, QuadClass or PLOVER type): {listed}"]
