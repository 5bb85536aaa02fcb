"""Helpers shared by the pattern test files: is an expected event among the coded ones?"""

from __future__ import annotations

from datetime import date


def has(events, source: str, target: str | None, code: str) -> bool:
    """Some event has a source code starting with `source`, a CAMEO code starting with `code`
    and a target starting with `target` (None: any target; "-": no target)."""
    for e in events:
        if not e.source.code.startswith(source):
            continue
        if target is None:
            ok_target = True
        elif target == "-":
            ok_target = e.target is None
        else:
            ok_target = e.target is not None and e.target.code.startswith(target)
        if ok_target and e.cameo.startswith(code):
            return True
    return False


def show(events) -> str:
    return "; ".join(f"{e.source.code}->{e.target.code if e.target else '-'}:{e.cameo}" for e in events) or "(none)"


def checker(published: date):
    """check, check_not and events functions coding sentences as published on `published`."""

    def events(coder, text: str):
        return coder.code_text(text, published=published)

    def check(coder, text: str, source: str, target: str | None, code: str) -> None:
        found = events(coder, text)
        assert has(found, source, target, code), f"expected {source}->{target}:{code} in {show(found)}"

    def check_not(coder, text: str, code: str, source: str = "") -> None:
        found = events(coder, text)
        bad = [e for e in found if e.cameo.startswith(code) and e.source.code.startswith(source)]
        assert not bad, f"unexpected {code} in {show(found)}"

    return check, check_not, events
