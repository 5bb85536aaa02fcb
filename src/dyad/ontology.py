"""The CAMEO event ontology: code names, Goldstein scores, QuadClass and PLOVER mapping.

Loaded from `data/ontology/cameo.tsv` (the project's own table, written from the CAMEO and
PLOVER codebooks' facts; decisions in docs/ontology.md).
"""

from __future__ import annotations

import csv
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

DATA = Path(__file__).parent / "data"

PLOVER_TYPES = (
    "AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST",
    "ACCUSE", "REJECT", "THREATEN", "PROTEST", "MOBILIZE", "SANCTION", "COERCE", "ASSAULT",
)

QUAD_NAMES = {1: "verbal cooperation", 2: "material cooperation", 3: "verbal conflict", 4: "material conflict"}


@dataclass(frozen=True)
class CameoCode:
    code: str
    name: str
    goldstein: float
    quad_class: int
    plover_type: str | None
    plover_mode: str | None

    @property
    def root(self) -> str:
        return self.code[:2]


class Ontology:
    """CAMEO codes and their attributes; one instance is shared read-only by the pipeline."""

    def __init__(self, codes: dict[str, CameoCode], roots: dict[str, str]):
        self.codes = codes
        self.roots = roots

    @classmethod
    def load(cls, path: Path | None = None) -> Ontology:
        path = path or DATA / "ontology" / "cameo.tsv"
        codes: dict[str, CameoCode] = {}
        with path.open(encoding="utf-8") as fh:
            rows = csv.DictReader((line for line in fh if not line.startswith("#")), delimiter="\t")
            for row in rows:
                codes[row["code"]] = CameoCode(
                    code=row["code"],
                    name=row["name"],
                    goldstein=float(row["goldstein"]),
                    quad_class=int(row["quad_class"]),
                    plover_type=row["plover_type"] or None,
                    plover_mode=row["plover_mode"] or None,
                )
        roots: dict[str, str] = {}
        with (path.parent / "cameo_roots.tsv").open(encoding="utf-8") as fh:
            rows = csv.DictReader((line for line in fh if not line.startswith("#")), delimiter="\t")
            for row in rows:
                roots[row["root"]] = row["name"]
        return cls(codes, roots)

    def get(self, code: str) -> CameoCode:
        try:
            return self.codes[code]
        except KeyError:
            raise KeyError(f"unknown CAMEO code {code!r}") from None

    def describe(self, code: str) -> CameoCode:
        """The code's attributes; a code outside CAMEO (a peer dictionary's own codes, such as
        the WEIS codes of PETRARCH's test dictionaries) gets those of its nearest CAMEO parent,
        or none."""
        if code in self.codes:
            return self.codes[code]
        for n in range(len(code) - 1, 1, -1):
            parent = self.codes.get(code[:n])
            if parent is not None:
                return CameoCode(code, parent.name, parent.goldstein, parent.quad_class, parent.plover_type,
                                 parent.plover_mode)
        root = code[:2]
        quad = (1 if root <= "05" else 2 if root <= "08" else 3 if root <= "13" else 4) if root.isdigit() and "01" <= root <= "20" else 0
        return CameoCode(code, "", 0.0, quad, None, None)

    def pentaclass(self, code: str) -> int:
        """ConfliBERT's 5 classes: 0 statement/appeal (01-02), 1 verbal coop (03-05),
        2 material coop (06-08), 3 verbal conflict (09-13), 4 material conflict (14-20)."""
        root = int(code[:2])
        if root <= 2:
            return 0
        return self.describe(code).quad_class


@lru_cache(maxsize=4)
def default_ontology() -> Ontology:
    """The bundled ontology, loaded once per process (read-only)."""
    return Ontology.load()
