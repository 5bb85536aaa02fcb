"""The README's Python example runs as written (documentation that is tested)."""

import re
from pathlib import Path

README = Path(__file__).resolve().parent.parent / "README.md"


def test_readme_python_api_example_runs(coder, monkeypatch, tmp_path):
    block = re.search(r"## Python API\n\n```python\n(.*?)```", README.read_text(encoding="utf-8"), re.S).group(1)
    news = tmp_path / "news"
    news.mkdir()
    (news / "story.txt").write_text("Iran and Iraq held talks in Baghdad on Monday.\n", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    import dyad

    # reuse the session's coder instead of loading a second one
    monkeypatch.setattr(dyad, "Coder", lambda *a, **k: coder)
    printed = []
    namespace = {"print": lambda *args: printed.append(args)}
    exec(compile(block, "README.md", "exec"), namespace)
    assert ("IRN", "046", "IRQ") in printed and ("IRQ", "046", "IRN") in printed
