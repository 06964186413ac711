"""Checks that every relative link in the README and docs/ resolves: the file exists and, for
a link with #anchor, the target has a heading with that GitHub anchor.

Usage: python3 docs/check_links.py [--pending a.md,b.md]   (from the repository root)

--pending names documents that other changes are still writing: links to them are listed
but do not fail the check. Exit code 0: every link resolves; 1: a broken link.
"""
import re, sys, unicodedata
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
FILES = [ROOT / "README.md", ROOT / "bench" / "README.md", *sorted((ROOT / "docs").glob("*.md"))]
LINK = re.compile(r"(?<!!)\[[^\]]*\]\(([^)\s]+)\)")
FENCE = re.compile(r"^\s*(```|~~~)")


def prose(path):
    """The lines of a Markdown file outside fenced code blocks."""
    inside = False
    for line in path.read_text(encoding="utf-8").splitlines():
        if FENCE.match(line):
            inside = not inside
        elif not inside:
            yield line


def slug(heading):
    """GitHub's anchor for a heading: lower case, punctuation dropped, spaces to hyphens."""
    text = re.sub(r"\[([^\]]*)\]\([^)]*\)", r"\1", heading.strip()).lower()
    text = "".join(c for c in text if c in "-_ " or unicodedata.category(c)[0] in "LN")
    return text.replace(" ", "-")


def anchors(path):
    seen, result = {}, set()
    for line in prose(path):
        m = re.match(r"^#{1,6}\s+(.*?)\s*#*\s*$", line)
        if m:
            base = slug(m.group(1))
            n = seen.get(base, 0)
            result.add(base if n == 0 else f"{base}-{n}")
            seen[base] = n + 1
    return result


def main():
    pending = set()
    if "--pending" in sys.argv:
        pending = set(sys.argv[sys.argv.index("--pending") + 1].split(","))
    broken, waiting, checked = [], [], 0
    for md in FILES:
        if not md.exists():
            continue
        for number, line in enumerate(prose(md), 1):
            for target in LINK.findall(re.sub(r"`[^`]*`", "", line)):
                if re.match(r"^[a-z][a-z0-9+.-]*:", target):
                    continue  # http:, https:, mailto:
                checked += 1
                path, _, anchor = target.partition("#")
                file = (md.parent / path).resolve() if path else md
                where = f"{md.relative_to(ROOT)}: {target}"
                if not file.exists():
                    (waiting if file.name in pending else broken).append(where + " (no such file)")
                elif anchor and file.suffix == ".md" and anchor not in anchors(file):
                    broken.append(where + " (no such heading)")
    for w in waiting:
        print("pending:", w)
    for b in broken:
        print("BROKEN: ", b)
    print(f"{checked} relative links checked in {len(FILES)} files: {len(broken)} broken, {len(waiting)} pending")
    return 1 if broken else 0


if __name__ == "__main__":
    sys.exit(main())
