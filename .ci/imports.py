#!/usr/bin/env python3
"""The crate's import graph, from its `use` lines and `crate::` / `super::` paths, and the
three structure rules of DESIGN.md that it keeps true:

1. no import circle, except inside the dnscontrol evaluator (`src/extract/dnscontrol/`),
   whose expression evaluator and builtins call each other by design;
2. no rule file (`src/rules/*.rs` other than `mod.rs`) imports another rule file;
3. no module imports from `lib.rs` (`crate::Name` for an item defined there).

A file's edges are the modules its paths name, resolved to the longest prefix that is a file
of the crate (`crate::rules::X` is `src/rules/mod.rs` unless `src/rules/X.rs` exists).
`#[cfg(test)]` modules are left out: tests may reach anywhere. Paths inside a macro's body
count at the macro's definition, where the script finds them.

Breaches listed in `.ci/imports.allowed` (known debt, one per line) are tolerated; a new
breach, or a listed one that is gone (so the list only shrinks), fails.

Usage: .ci/imports.py [--dot]   exits 1 and names each breach; --dot prints the graph.
"""

import re
import sys
from pathlib import Path

SRC = Path(__file__).resolve().parent.parent / "src"
EXEMPT_CIRCLE = "extract/dnscontrol/"


def module_of(path):
    """`src/a/b.rs` -> ("a", "b"); `src/a/mod.rs` -> ("a",); `src/lib.rs` -> ()."""
    parts = list(path.relative_to(SRC).with_suffix("").parts)
    if parts[-1] in ("mod", "lib", "main"):
        parts = parts[:-1]
    return tuple(parts)


def without_tests(text):
    """The text before the first `#[cfg(test)]` module, and without comments."""
    cut = re.search(r"#\[cfg\(test\)\]\s*(pub(\([a-z]+\))?\s+)?mod\s+\w+\s*\{", text)
    if cut:
        text = text[: cut.start()]
    text = re.sub(r"//[^\n]*", "", text)
    return text


def expand_use(tree):
    """`a::{b, c::{d, e}}` -> ["a::b", "a::c::d", "a::c::e"]."""
    tree = re.sub(r"\s+", "", tree)
    depth, start = 0, None
    for i, ch in enumerate(tree):
        if ch == "{":
            if depth == 0:
                start = i
            depth += 1
        elif ch == "}":
            depth -= 1
            if depth == 0:
                prefix, inner = tree[:start], tree[start + 1 : i]
                items, level, last = [], 0, 0
                for j, c in enumerate(inner + ","):
                    if c == "{":
                        level += 1
                    elif c == "}":
                        level -= 1
                    elif c == "," and level == 0:
                        if inner[last:j]:
                            items.append(inner[last:j])
                        last = j + 1
                out = []
                for item in items:
                    out.extend(prefix + sub for sub in expand_use(item))
                return out
    return [tree]


def paths_in(text):
    """Every path a file names: from `use` trees and from inline `crate::`/`super::` paths."""
    found = []
    for m in re.finditer(r"\buse\s+([^;]+);", text):
        found.extend(expand_use(m.group(1)))
    # `$crate::` paths live in macro bodies: they count where the macro is used.
    for m in re.finditer(r"(?<![\w:$])((?:crate|super)(?:::(?:super|[A-Za-z_]\w*))+)", text):
        found.append(m.group(1))
    # `child::item`: a module naming its own child's items (`pub use context::Check`).
    for m in re.finditer(r"(?<![\w:$])([a-z_]\w*(?:::[A-Za-z_]\w*)+)", text):
        found.append("self::" + m.group(1))
    return found


def resolve(path, here, modules):
    """The module (a tuple) `path` names from module `here`, or None outside the crate."""
    parts = re.sub(r"\s+as\s+\w+$", "", path).split("::")
    if parts[0] == "crate":
        base, rest = (), parts[1:]
    elif parts[0] == "super":
        base, rest = here, parts
        while rest and rest[0] == "super":
            base, rest = base[:-1], rest[1:]
    elif parts[0] == "self":
        base, rest = here, parts[1:]
        if not rest or here + (rest[0],) not in modules:
            return None
    else:
        return None
    best = base
    for i in range(len(rest)):
        candidate = base + tuple(rest[: i + 1])
        if candidate in modules:
            best = candidate
        else:
            break
    return best


def graph():
    # Test files (`tests.rs`, `testing.rs`: declared under `#[cfg(test)]`) may reach anywhere.
    files = {
        module_of(p): p
        for p in SRC.rglob("*.rs")
        if p.name not in ("main.rs", "tests.rs", "testing.rs")
    }
    edges = {}
    lib_items = []
    for module, path in files.items():
        text = without_tests(path.read_text())
        targets = set()
        for p in paths_in(text):
            target = resolve(p, module, files)
            if target is None or target == module:
                continue
            if target == () and module != ():
                lib_items.append((module, p))
                continue
            # A parent owns its children (declares them, re-exports and dispatches to
            # them): only imports sideways and upwards can close a circle.
            if target[: len(module)] == module:
                continue
            targets.add(target)
        edges[module] = targets
    return files, edges, lib_items


def circles(edges):
    """Strongly connected components with more than one module (Tarjan)."""
    index, low, stack, on, out = {}, {}, [], set(), []
    counter = [0]
    sys.setrecursionlimit(10000)

    def visit(v):
        index[v] = low[v] = counter[0]
        counter[0] += 1
        stack.append(v)
        on.add(v)
        for w in edges.get(v, ()):
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in on:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            comp = []
            while True:
                w = stack.pop()
                on.discard(w)
                comp.append(w)
                if w == v:
                    break
            if len(comp) > 1:
                out.append(sorted(comp))

    for v in list(edges):
        if v not in index:
            visit(v)
    return out


def name(module):
    return "/".join(module) or "lib"


def main():
    files, edges, lib_items = graph()
    if "--dot" in sys.argv:
        print("digraph imports {")
        for v in sorted(edges):
            for w in sorted(edges[v]):
                print(f'  "{name(v)}" -> "{name(w)}";')
        print("}")
        return 0
    breaches = []
    for comp in circles(edges):
        if all(name(m).startswith(EXEMPT_CIRCLE) for m in comp):
            continue
        breaches.append("import circle: " + ", ".join(name(m) for m in comp))
    rule_files = {m for m in files if len(m) == 2 and m[0] == "rules"}
    rule_files -= {("rules", "context"), ("rules", "helpers"), ("rules", "run"), ("rules", "tests")}
    for v in sorted(rule_files):
        for w in sorted(edges[v] & (rule_files | {("rules",)})):
            what = "the catalogue (rules/mod.rs)" if w == ("rules",) else f"rule file {name(w)}"
            breaches.append(f"rule file {name(v)} imports {what}")
    for module, path in sorted(set(lib_items)):
        breaches.append(f"{name(module)} imports `{path}` from lib.rs")
    allowed_file = SRC.parent / ".ci" / "imports.allowed"
    allowed = set()
    if allowed_file.exists():
        lines = allowed_file.read_text().splitlines()
        allowed = {l for l in lines if l.strip() and not l.startswith("#")}
    failed = False
    for b in breaches:
        if b not in allowed:
            print(b)
            failed = True
    for gone in sorted(allowed - set(breaches)):
        print(f"fixed, remove from .ci/imports.allowed: {gone}")
        failed = True
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
