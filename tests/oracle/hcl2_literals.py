"""The resources of each Terraform file and their string literals, read by python-hcl2.

Prints one JSON line per file named on the command line: {"path": ..., "pairs": [[key,
value], ...]} or {"path": ..., "error": ...}. Keys follow tests/hcl_oracle.rs:
`type.name` (value "") per resource, `type.name.attr`, `type.name.attr.N` for list
elements, `type.name.block.N.attr` for nested blocks. Only strings without interpolation
or directives are listed; python-hcl2 returns them as written, so the HCL escapes and
heredoc indentation are decoded here, independently of tlsrpt-lint.
"""

import json
import re
import sys

import hcl2

INTERPOLATION = re.compile(r"(?<![$%])[$%]\{")
ESCAPES = {"n": "\n", "r": "\r", "t": "\t", '"': '"', "\\": "\\"}


def unmark(text):
    return text.replace("$${", "${").replace("%%{", "%{")


def quoted(raw):
    out, i = [], 0
    while i < len(raw):
        c = raw[i]
        if c == "\\" and i + 1 < len(raw):
            n = raw[i + 1]
            if n in ESCAPES:
                out.append(ESCAPES[n])
                i += 2
                continue
            if n in "uU":
                width = 4 if n == "u" else 8
                out.append(chr(int(raw[i + 2 : i + 2 + width], 16)))
                i += 2 + width
                continue
        out.append(c)
        i += 1
    return unmark("".join(out))


def heredoc(raw):
    first, _, rest = raw.partition("\n")
    lines = rest.split("\n")[:-1]  # the last line holds the closing delimiter
    if first.startswith("<<-"):
        widths = [len(l) - len(l.lstrip(" \t")) for l in lines if l.strip()]
        indent = min(widths, default=0)
        lines = [l[indent:] for l in lines]
    return unmark("".join(l + "\n" for l in lines))


def literal(value):
    """The decoded string, or None for anything that is not a plain string literal."""
    if not isinstance(value, str) or len(value) < 2 or value[0] != '"' or value[-1] != '"':
        return None
    inner = value[1:-1]
    if inner.startswith("<<"):
        return None if INTERPOLATION.search(inner) else heredoc(inner)
    if INTERPOLATION.search(inner):
        return None
    return quoted(inner)


def body(attrs, key, pairs):
    for name, value in attrs.items():
        if name.startswith("__"):
            continue
        if isinstance(value, list) and value and all(
            isinstance(v, dict) and v.get("__is_block__") for v in value
        ):
            for i, block in enumerate(value):
                body(block, f"{key}.{name}.{i}", pairs)
        elif isinstance(value, list):
            for i, item in enumerate(value):
                text = literal(item)
                if text is not None:
                    pairs.append([f"{key}.{name}.{i}", text])
        else:
            text = literal(value)
            if text is not None:
                pairs.append([f"{key}.{name}", text])


def main():
    for path in sys.argv[1:]:
        try:
            with open(path, encoding="utf-8") as f:
                tree = hcl2.load(f)
        except Exception as e:  # noqa: BLE001 - any parse failure is a verdict
            print(json.dumps({"path": path, "error": str(e).splitlines()[0] if str(e) else type(e).__name__}))
            continue
        pairs = []
        for resource in tree.get("resource", []):
            for rtype, named in resource.items():
                for name, attrs in named.items():
                    key = f"{rtype.strip(chr(34))}.{name.strip(chr(34))}"
                    pairs.append([key, ""])
                    body(attrs, key, pairs)
        print(json.dumps({"path": path, "pairs": pairs}))


if __name__ == "__main__":
    main()
