#!/usr/bin/env python3
"""List public API members whose simple name never occurs in a test.

Reads every package's PublicAPI.Shipped.txt + PublicAPI.Unshipped.txt (src/*/), takes each member's
simple name (a method or property by its own name, a constructor by its type's name, an enum member or
constant by its name) and prints those whose name appears nowhere in the code of test/**/*.cs, as a word (comments
and string literals don't count: a name in an assertion's message is not a call).

A name that occurs is not proof of a test that checks the member's effect (`Headers` occurs everywhere);
a name that never occurs is proof that no test calls it. Left out: operators (their "name" is a symbol),
the members the compiler writes for a record (`<Clone>$`, `Deconstruct`, `GetHashCode`, `Equals`,
`EqualityContract`, `PrintMembers`; a record's own `ToString` override stays), and a type line when a
test names one of the type's members (a static class of extension methods is called, never named).

Usage (from the repository root):
    python3 eng/public-api-usage.py            # the work list, one line per member, grouped by package
    python3 eng/public-api-usage.py --all      # every member with the number of test files naming it
Exit code 0 always: this is a work list, not a gate.
"""
from __future__ import annotations

import argparse
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
MODIFIERS = ("override ", "static ", "abstract ", "virtual ", "const ", "readonly ", "sealed ", "new ", "~")
IDENT = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")


def simple_name(entry: str) -> str | None:
    """The simple name of one PublicAPI.txt line, or None for lines that name nothing a test can write."""
    text = entry.strip()
    if not text or text.startswith("#") or text.startswith("*REMOVED*"):
        return None
    changed = True
    while changed:
        changed = False
        for modifier in MODIFIERS:
            if text.startswith(modifier):
                text = text[len(modifier):]
                changed = True
    if ".operator " in text or "<Clone>$" in text:
        return None
    # Cut the signature: parameters, return type, enum/const value.
    for stop in ("(", " -> ", " = "):
        index = text.find(stop)
        if index >= 0:
            text = text[:index]
    # Drop generic parameter lists so dots inside them don't split names.
    depth, plain = 0, []
    for char in text:
        if char == "<":
            depth += 1
        elif char == ">":
            depth -= 1
        elif depth == 0:
            plain.append(char)
    parts = "".join(plain).split(".")
    if parts[-1] in ("get", "set", "init", "add", "remove") and len(parts) > 1:
        parts = parts[:-1]
    name = parts[-1]
    return name if IDENT.fullmatch(name) else None


RECORD_MEMBERS = {"Deconstruct", "GetHashCode", "Equals", "EqualityContract", "PrintMembers"}


def declaring_type(entry: str, name: str) -> str:
    """`Ns.Type` of a member line (the text before `.Name`), or the line's own type."""
    head = re.split(r"\(| -> | = ", entry, maxsplit=1)[0].split(" ")[-1]
    head = re.sub(r"\.(get|set|init|add|remove)$", "", head)
    return head[: head.rfind("." + name)] if ("." + name) in head else head


def read_members(root: Path) -> dict[str, list[tuple[str, str, str]]]:
    """package -> [(simple name, PublicAPI line, declaring type)], record-generated members left out."""
    packages: dict[str, list[tuple[str, str, str]]] = {}
    for project in sorted(p for p in (root / "src").iterdir() if p.is_dir()):
        members: list[tuple[str, str, str]] = []
        lines: list[str] = []
        for file_name in ("PublicAPI.Shipped.txt", "PublicAPI.Unshipped.txt"):
            path = project / file_name
            if not path.is_file():
                continue
            lines.extend(path.read_text(encoding="utf-8").splitlines())
        records = {declaring_type(line, "<Clone>$") for line in lines if "<Clone>$" in line}
        for line in lines:
            name = simple_name(line)
            if name is None:
                continue
            owner = declaring_type(line, name)
            if name in RECORD_MEMBERS and owner in records and not line.lstrip().startswith("override " + owner + ".ToString"):
                continue
            members.append((name, line.strip(), owner))
        if members:
            packages[project.name] = members
    return packages


# Comments and string literals (raw, verbatim, regular, char): a name in an assertion's message or a comment is not a call.
CODE_NOISE = re.compile(
    r'/\*.*?\*/|//[^\n]*|"""(?:.|\n)*?"""|@"(?:[^"]|"")*"|"(?:[^"\\\n]|\\.)*"|\'(?:[^\'\\\n]|\\.)+\'',
    re.DOTALL)


def code_only(source: str) -> str:
    """The source without comments and string literals (nameof(...) stays: it is code)."""
    return CODE_NOISE.sub(" ", source)


def test_sources(root: Path) -> list[str]:
    sources = []
    for path in sorted((root / "test").rglob("*.cs")):
        if {"bin", "obj"} & set(path.relative_to(root).parts):
            continue
        sources.append(code_only(path.read_text(encoding="utf-8", errors="replace")))
    return sources


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--all", action="store_true", help="print every member with the number of test files naming it")
    args = parser.parse_args()

    sources = test_sources(ROOT)
    if not sources:
        print("no test/**/*.cs found under " + str(ROOT), file=sys.stderr)
        return 0
    words: list[set[str]] = [set(IDENT.findall(source)) for source in sources]
    unused_total = 0
    for package, members in read_members(ROOT).items():
        named_types = {owner for name, entry, owner in members
                       if owner != entry and any(name in file_words for file_words in words)}
        lines = []
        for name, entry, owner in members:
            files = sum(1 for file_words in words if name in file_words)
            is_type_line = "(" not in entry and " -> " not in entry and " = " not in entry
            if is_type_line and entry in named_types:
                files = max(files, 1)
            if args.all:
                lines.append(f"  {files:4d}  {entry}")
            elif files == 0:
                lines.append(f"  {name:<32} {entry}")
        if not args.all:
            unused_total += len(lines)
        if lines:
            print(f"{package}:")
            print("\n".join(lines))
    if not args.all:
        print(f"{unused_total} public member(s) whose name no test names", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
