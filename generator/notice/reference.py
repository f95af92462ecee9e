"""The format's reference for legal editors (docs/format.md), made from the schema and the rules.

The schema is where the format is stated; this walks it, so that the
reference cannot drift from it (`make docs` writes it; a test fails when the
committed file is not what this makes). Each field gets its path as an editor
writes it, its title, its description, what it takes and an example; every
rule of `check` gets its id, level, article and what it is for.

>>> schema = {"properties": {"a": {"title": "A", "description": "An a.", "type": "string", "examples": ["x"]}},
...           "required": ["a"]}
>>> [(f.path, f.required, f.takes, f.example) for f in fields(schema)]
[('a', True, 'text', '"x"')]
"""

from __future__ import annotations

import json
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from typing import Any

from generator.notice.rules import RULES

Schema = Mapping[str, Any]


@dataclass(frozen=True)
class Field:
    path: str
    """As an editor writes it: `purposes[].retention.period`."""
    title: str
    description: str
    required: bool
    takes: str
    """What the value is: text in each language, a list of ..., one of ..., a date."""
    example: str


Roots = Mapping[str, Schema]
"""The schemas a `$ref` may name by file (`schema.json#/$defs/contact`), "" for the schema itself."""


def fields(schema: Schema, others: Roots | None = None) -> Iterator[Field]:
    """Every field of the format, depth first, in the schema's order; `others` are the schemas its `$ref`s name
    by file (the parties file's schema refers to the notice's)."""
    roots = {**(others or {}), "": schema}
    yield from _walk(roots, schema, schema, "", frozenset(schema.get("required", ())))


def _walk(roots: Roots, root: Schema, node: Schema, prefix: str, required: frozenset[str]) -> Iterator[Field]:
    for name, prop in node.get("properties", {}).items():
        path = f"{prefix}{name}"
        here, merged = _resolved(roots, root, prop)
        yield Field(
            path=path,
            title=str(merged.get("title", "")),
            description=str(merged.get("description", "")),
            required=name in required,
            takes=_takes(roots, here, merged),
            example=_example(merged),
        )
        if _is_text(merged):
            continue
        if merged.get("type") == "array":
            there, items = _resolved(roots, here, merged.get("items", {}))
            yield from _walk(roots, there, items, f"{path}[].", frozenset(items.get("required", ())))
        elif "properties" in merged:
            yield from _walk(roots, here, merged, f"{path}.", frozenset(merged.get("required", ())))
        elif isinstance(merged.get("additionalProperties"), Mapping):  # a mapping of ids: each one's fields
            there, each = _resolved(roots, here, merged["additionalProperties"])
            yield from _walk(roots, there, each, f"{path}.<id>.", frozenset(each.get("required", ())))


def _resolved(roots: Roots, root: Schema, node: Schema) -> tuple[Schema, dict[str, Any]]:
    """`node` with its $ref's definition under it (the node's own title and description win), and the schema
    that definition is in; a field that may name a shared party instead, as the value written out (its `else`),
    marked `party`."""
    if "then" in node and "else" in node:
        here, written = _resolved(roots, root, node["else"])
        own = {key: value for key, value in node.items() if key not in ("if", "then", "else")}
        return here, {**written, **own, "party": True}
    ref = node.get("$ref")
    file, _, pointer = ref.partition("#") if isinstance(ref, str) else ("", "", "")
    if not pointer.startswith("/") or file not in roots:
        return root, dict(node)
    here = roots[file] if file else root
    target: Any = here
    for part in pointer.removeprefix("/").split("/"):
        target = target[part]
    there, resolved = _resolved(roots, here, target)
    named = pointer.removeprefix("/$defs/")
    return there, {**resolved, **node, **({"$def": named} if "/" not in named else {})}


def _is_text(node: Schema) -> bool:
    """A text in each of the notice's languages: its fi/sv/en are described once, under "Texts"."""
    return node.get("$def") == "text"


def _takes(roots: Roots, root: Schema, node: Schema) -> str:
    if node.get("party"):
        written = {key: value for key, value in node.items() if key != "party"}
        return f"{_takes(roots, root, written)} (or a shared party's id under `party`)"
    if _is_text(node):
        return "text in each language"
    if "const" in node:
        return f"always `{json.dumps(node['const'])}`"
    if "enum" in node:
        return "one of " + ", ".join(f"`{value}`" for value in node["enum"])
    kind = node.get("type")
    if kind == "array":
        there, items = _resolved(roots, root, node.get("items", {}))
        return f"a list of {_takes(roots, there, items)}"
    if kind == "object":
        return "a mapping"
    if node.get("format") == "date":
        return "a date (YYYY-MM-DD)"
    return {"string": "text", "boolean": "`true` or `false`", "integer": "a whole number"}.get(str(kind), "a value")


def _example(node: Schema) -> str:
    examples = node.get("examples") or node.get("default")
    if isinstance(examples, list) and examples:
        return json.dumps(examples[0], ensure_ascii=False)
    return ""


def markdown(schema: Schema, parties: Schema | None = None) -> str:
    """docs/format.md: the fields, the shared parties' (`parties`, the parties file's schema), then the rules."""
    lines = [
        "# The notice format: every field",
        "",
        "Made by `make docs` from `policy/schema.json` and the rules of `check`; do not edit by hand.",
        "A text in each language is a mapping with exactly the notice's languages (by default `fi`, `sv`",
        "and `en`); where a path has `[]`, the field is in each item of a list.",
        "",
    ]
    for field in fields(schema):
        lines += _entry(field)
    if parties is not None:
        lines += [
            "# The shared parties: every field",
            "",
            "Made from `policy/parties.schema.json`: `policy/parties.yaml`, the parties a company's notices share,",
            "each under an id (`<id>` below) that a notice names as `{party: <id>}`; the fields of each kind are",
            "those of the notice format.",
            "",
        ]
        for field in fields(parties, {"schema.json": schema}):
            lines += _entry(field)
    lines += ["# The rules of `check`", "", "| rule | level | GDPR | what it is for |", "|---|---|---|---|"]
    for spec in sorted(RULES.values(), key=lambda s: s.id):
        article = f"Art. {spec.article}" if spec.article else ""
        lines.append(f"| `{spec.id}` | {spec.level} | {_cell(article)} | {_cell(spec.why)} |")
    return "\n".join(lines) + "\n"


def _entry(field: Field) -> list[str]:
    heading = f"**{_inline(field.title)}**" if field.title else "*(no title)*"
    lines = [
        f"## `{field.path}`",
        "",
        f"{heading}: {_inline(field.takes)}; {'required' if field.required else 'optional'}.",
        "",
    ]
    if field.description:
        lines += [_inline(field.description), ""]
    if field.example:
        lines += [f"Example: `{field.example}`", ""]
    return lines


def _inline(text: str) -> str:
    """A schema text on one Markdown line, its angle brackets shown as such rather than read as HTML."""
    return " ".join(text.split()).replace("<", "&lt;").replace(">", "&gt;")


def _cell(text: str) -> str:
    return _inline(text).replace("|", "\\|")


def main() -> None:
    """`make docs`: the reference of this project's schema, on standard output."""
    import sys
    from pathlib import Path

    from generator.project import Project

    path = Project.at(Path()).schema
    schema = json.loads(path.read_text(encoding="utf-8"))
    parties = path.with_name("parties.schema.json")
    sys.stdout.write(markdown(schema, json.loads(parties.read_text(encoding="utf-8")) if parties.is_file() else None))


if __name__ == "__main__":
    main()
