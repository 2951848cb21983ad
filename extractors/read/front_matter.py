"""A document's front matter: the block of metadata a static site generator or a converter writes above
the text (Jekyll, Hugo, pandoc: a leading "---" YAML block; some exports: leading "key: value" lines).
Whatever its keys, it is page furniture; its title and date keys say what the metadata pass needs."""
from __future__ import annotations

import datetime as dt
import re

# A front matter: a leading "---" block of YAML (Jekyll, Hugo, pandoc), or, undelimited, a leading run of two
# or more "key: value" lines with their indented or "- " continuation lines. Either is page furniture.
_FRONT_MATTER = re.compile(r"\A\s*---[ \t]*\n(.*?)\n---[ \t]*(?:\n|\Z)", re.S)
_KEY_LINE = r"[A-Za-z_][\w-]*[ \t]*:(?:[ \t][^\n]*)?\n(?:(?:[ \t]+|-[ \t])[^\n]*\n)*"
_HEADER_BLOCK = re.compile(r"\A\s*(?:%s){2,}" % _KEY_LINE)
_HEADER_LINE = re.compile(r"(?im)^\s*(?P<key>[A-Za-z_]+)\s*:\s*(?P<value>.+?)\s*$")


def front_matter_end(text: str) -> int:
    """Where the text after a leading front matter starts (0 when there is none).

    >>> text = "author: Jan Smit\\ntags:\\n- werk\\nDe werkloosheid daalt.\\n"
    >>> text[front_matter_end(text):]
    'De werkloosheid daalt.\\n'
    """
    m = _FRONT_MATTER.match(text) or _HEADER_BLOCK.match(text)
    return m.end() if m else 0


def front_matter_block(text: str) -> str | None:
    """The YAML inside a leading "---" block, if the text starts with one."""
    m = _FRONT_MATTER.match(text)
    return m.group(1) if m else None


def header_values(block: str) -> dict[str, str]:
    """A front matter's keys (lower-cased) and their text: parsed as YAML (a value over several lines
    is one value), else as "key: value" lines."""
    import yaml

    try:
        parsed = yaml.safe_load(block)
    except yaml.YAMLError:
        parsed = None
    if isinstance(parsed, dict):
        return {str(k).lower(): v.isoformat() if isinstance(v, (dt.date, dt.datetime)) else " ".join(str(v).split())
                for k, v in parsed.items() if isinstance(v, (str, int, float, dt.date, dt.datetime))}
    out: dict[str, str] = {}
    for line in _HEADER_LINE.finditer(block):
        out.setdefault(line.group("key").lower(), line.group("value").strip().strip('"\''))
    return out
