"""The mutants of a module: single-point edits made from its syntax tree, each a replaced byte span.

Every mutant replaces the exact source span of one node (from the node's
lineno/col_offset/end_lineno/end_col_offset), or the gap between two nodes
where an operator token sits, so every other byte of the file stays as it
is: comments, layout and line numbers before the edit. ast reports columns
in UTF-8 bytes, so spans are byte offsets into the encoded source.

A mutant is kept only if the mutated module still compiles and its syntax
tree differs from the original's (an edit the parser cannot see, such as
swapping two identical arguments, is equivalent). Places where a change can
only be equivalent are skipped: docstrings, annotations and type aliases
(`from __future__ import annotations` leaves them to type checkers), `if
TYPE_CHECKING:` blocks, asserts (an invariant valid code never breaks),
`__repr__`, `__all__`, logging calls, caching decorators (speed only), an
`encoding=` keyword (the tests run in a UTF-8 locale) and a keyword given as
None or False (most often the default). Python 3.11 gives
nodes inside an f-string the span of the whole string, so nothing inside an
f-string is mutated.
"""

from __future__ import annotations

import ast
import hashlib
import re
from collections.abc import Container, Iterator
from dataclasses import dataclass
from itertools import pairwise

COMPARE_FLIPS: dict[type[ast.cmpop], tuple[str, str]] = {
    # operator -> (pattern of its token in the gap between the operands, the flipped token)
    ast.Lt: (r"(?<![<>=!])<(?![<=])", "<="),
    ast.LtE: (r"<=", "<"),
    ast.Gt: (r"(?<![<>=!-])>(?![>=])", ">="),
    ast.GtE: (r">=", ">"),
    ast.Eq: (r"==", "!="),
    ast.NotEq: (r"!=", "=="),
    ast.In: (r"\bin\b", "not in"),
    ast.NotIn: (r"\bnot\s+in\b", "in"),
    ast.Is: (r"\bis\b", "is not"),
    ast.IsNot: (r"\bis\s+not\b", "is"),
}
ORDERING = (ast.Lt, ast.LtE, ast.Gt, ast.GtE)
"""Comparisons whose operands, swapped, mean something else (a == b is b == a)."""
ARITHMETIC: dict[type[ast.operator], tuple[str, str]] = {
    ast.Add: (r"\+", "-"),
    ast.Sub: (r"-", "+"),
    ast.Mult: (r"(?<!\*)\*(?!\*)", "/"),
    ast.Div: (r"(?<!/)/(?!/)", "*"),
    ast.FloorDiv: (r"//", "/"),
}
NON_COMMUTATIVE = (ast.Sub, ast.Div, ast.FloorDiv, ast.Mod, ast.Pow, ast.LShift, ast.RShift)
BOOL_TOKENS = {ast.And: (r"\band\b", "or"), ast.Or: (r"\bor\b", "and")}
SPEED_ONLY_DECORATORS = {"cache", "lru_cache", "overload", "override", "final", "abstractmethod", "wraps"}
TYPE_ONLY_CALLS = {"isinstance", "issubclass", "getattr", "hasattr", "setattr", "cast"}
"""Calls whose two arguments, swapped, only raise a TypeError: not worth a mutant."""
TYPE_FORMS = {"Literal", "Union", "Optional", "Callable", "Annotated", "TypeGuard", "Generic", "Protocol"}
LOGGERS = {"logging", "logger", "log", "LOG", "_log", "_logger"}
UNDELETABLE = (
    ast.Pass,
    ast.Import,
    ast.ImportFrom,
    ast.FunctionDef,
    ast.AsyncFunctionDef,
    ast.ClassDef,
    ast.Global,
    ast.Nonlocal,
    ast.Assert,
)


@dataclass(frozen=True)
class Mutant:
    """One edit: bytes [start, end) of the module become `replacement`."""

    operator: str
    start: int
    end: int
    replacement: bytes
    line: int
    """The line (1-based) of the first changed byte: the line whose tests run the mutant."""
    what: str = ""
    """For a named survivor (mutate/known.py): the bug it stands for."""

    def apply(self, source: bytes) -> bytes:
        return source[: self.start] + self.replacement + source[self.end :]

    def key(self, source: bytes) -> str:
        """An id that survives edits elsewhere in the module: the operator, the text replaced and its
        replacement, and where in which text of lines (not their numbers)."""
        first = source.rfind(b"\n", 0, self.start) + 1
        last = source.find(b"\n", self.end)
        context = source[first : len(source) if last < 0 else last]
        place = [str(self.start - first).encode(), source[self.start : self.end]]
        parts = [self.operator.encode(), context, *place, self.replacement, self.what.encode()]
        return hashlib.sha256(b"\0".join(parts)).hexdigest()[:16]


Located = ast.expr | ast.stmt | ast.keyword
"""The nodes with a span in the source."""


class Source:
    """A module's text as bytes, with the byte offset where each line starts (ast gives byte columns)."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.data = text.encode("utf-8")
        self.starts = [0]
        for index, byte in enumerate(self.data):
            if byte == 0x0A:
                self.starts.append(index + 1)

    def offset(self, line: int, column: int) -> int:
        return self.starts[line - 1] + column

    def line_of(self, offset: int) -> int:
        low, high = 0, len(self.starts) - 1
        while low < high:
            middle = (low + high + 1) // 2
            if self.starts[middle] <= offset:
                low = middle
            else:
                high = middle - 1
        return low + 1

    def span(self, node: Located) -> tuple[int, int]:
        start = self.offset(node.lineno, node.col_offset)
        end_line = node.end_lineno if node.end_lineno is not None else node.lineno
        end_column = node.end_col_offset if node.end_col_offset is not None else node.col_offset
        return start, self.offset(end_line, end_column)

    def piece(self, node: Located) -> bytes:
        start, end = self.span(node)
        return self.data[start:end]


def mutants(text: str, lines: Container[int] | None = None) -> list[Mutant]:
    """Every mutant of a module's text that compiles and changes its syntax tree, in source order; only those
    starting on `lines`, if given (the compilation of each candidate is most of the cost)."""
    source = Source(text)
    tree = ast.parse(text)
    original = ast.dump(tree)
    kept: dict[tuple[int, int, bytes], Mutant] = {}
    for mutant in Finder(source, tree).found:
        place = (mutant.start, mutant.end, mutant.replacement)
        if lines is not None and mutant.line not in lines:
            continue
        if place not in kept and changes(source.data, mutant, original):
            kept[place] = mutant
    return sorted(kept.values(), key=lambda m: (m.start, m.end, m.operator))


def keyed(found: list[Mutant], data: bytes) -> list[tuple[str, Mutant]]:
    """Each mutant with its key, the second and later of a same edit on identical lines numbered."""
    seen: dict[str, int] = {}
    out = []
    for mutant in found:
        key = mutant.key(data)
        seen[key] = seen.get(key, 0) + 1
        out.append((key if seen[key] == 1 else f"{key}-{seen[key]}", mutant))
    return out


def changes(data: bytes, mutant: Mutant, original_dump: str) -> bool:
    """Whether the mutated module compiles and differs from the original in its syntax tree."""
    mutated = mutant.apply(data)
    try:
        tree = ast.parse(mutated)
        compile(tree, "<mutant>", "exec", dont_inherit=True)
    except (SyntaxError, ValueError):
        return False
    return ast.dump(tree) != original_dump


def swap_token(gap: bytes, pattern: str, token: str) -> bytes | None:
    """The gap between two operands with its one operator token replaced; None if not exactly one (a comment)."""
    if b"#" in gap:
        return None
    text = gap.decode("utf-8")
    found = list(re.finditer(pattern, text))
    if len(found) != 1:
        return None
    match = found[0]
    return (text[: match.start()] + token + text[match.end() :]).encode("utf-8")


def skipped_nodes(tree: ast.Module) -> set[int]:
    """ids of the nodes whose subtrees are never mutated (see the module docstring)."""
    skip: set[int] = set()
    for node in ast.walk(tree):
        for part in unmutated_parts(node):
            skip.update(id(inner) for inner in ast.walk(part))
    return skip


def unmutated_parts(node: ast.AST) -> list[ast.AST]:
    """The parts of one node (or the node itself) left alone: each can only make an equivalent mutant."""
    parts: list[ast.AST | None] = []
    if isinstance(node, (ast.Module, ast.ClassDef, ast.FunctionDef, ast.AsyncFunctionDef)) and is_docstring(node):
        parts.append(node.body[0])
    if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
        arguments = [*node.args.posonlyargs, *node.args.args, *node.args.kwonlyargs, node.args.vararg, node.args.kwarg]
        parts += [node.returns, *(a.annotation for a in arguments if a)]
        parts += [node] if node.name == "__repr__" else []
    if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
        parts += [d for d in node.decorator_list if decorator_name(d) in SPEED_ONLY_DECORATORS]
    if isinstance(node, ast.AnnAssign):
        parts += [node] if decorator_name(node.annotation) == "TypeAlias" else [node.annotation]
    whole = (
        isinstance(node, (ast.Assert, ast.JoinedStr))
        or (isinstance(node, ast.If) and "TYPE_CHECKING" in ast.unparse(node.test))
        or (isinstance(node, ast.Expr) and isinstance(node.value, ast.Constant) and isinstance(node.value.value, str))
        or (isinstance(node, ast.Assign) and any(isinstance(t, ast.Name) and t.id == "__all__" for t in node.targets))
        or (isinstance(node, ast.Assign) and is_type(node.value))
        or (isinstance(node, ast.Subscript) and is_type(node))
        or (isinstance(node, ast.Call) and is_logging(node))
    )
    return [node] if whole else [p for p in parts if p is not None]


def is_type(node: ast.expr) -> bool:
    """A type expression (`Literal["a", "b"]`, `Callable[..., X]`): with `from __future__ import annotations`
    only type checkers read it, so a type alias or a cast's type mutated is equivalent."""
    return isinstance(node, ast.Subscript) and decorator_name(node.value) in TYPE_FORMS


def is_docstring(node: ast.Module | ast.ClassDef | ast.FunctionDef | ast.AsyncFunctionDef) -> bool:
    first = node.body[0] if node.body else None
    return isinstance(first, ast.Expr) and isinstance(first.value, ast.Constant) and isinstance(first.value.value, str)


def is_logging(call: ast.Call) -> bool:
    func = call.func
    while isinstance(func, ast.Attribute):
        func = func.value
    return isinstance(func, ast.Name) and func.id in LOGGERS


def decorator_name(node: ast.expr) -> str:
    """`functools.lru_cache(maxsize=8)` -> `lru_cache`."""
    if isinstance(node, ast.Call):
        node = node.func
    if isinstance(node, ast.Attribute):
        return node.attr
    return node.id if isinstance(node, ast.Name) else ""


class Finder:
    """Walks a module's tree and collects the candidate mutants of every node not skipped."""

    def __init__(self, source: Source, tree: ast.Module) -> None:
        self.source = source
        self.skip = skipped_nodes(tree)
        self.found = [mutant for node in ast.walk(tree) if id(node) not in self.skip for mutant in self.of(node)]

    def make(self, operator: str, start: int, end: int, replacement: bytes) -> Mutant:
        """A mutant on the line of its first changed byte: the line whose tests it faces."""
        original = self.source.data[start:end]
        same = next(
            (i for i, (a, b) in enumerate(zip(original, replacement, strict=False)) if a != b),
            min(len(original), len(replacement)),
        )
        return Mutant(operator, start, end, replacement, self.source.line_of(min(start + same, max(start, end - 1))))

    def of(self, node: ast.AST) -> Iterator[Mutant]:
        """The mutants of one node (its own edits, not its children's)."""
        if isinstance(node, ast.Compare):
            yield from self.compare(node)
        elif isinstance(node, ast.BoolOp):
            yield from self.bool_op(node)
        elif isinstance(node, ast.UnaryOp) and isinstance(node.op, ast.Not):
            yield from self.not_removed(node)
        elif isinstance(node, ast.BinOp):
            yield from self.arithmetic(node)
        elif isinstance(node, ast.AugAssign):
            yield from self.augmented(node)
        elif isinstance(node, ast.Constant):
            yield from self.constant(node)
        elif isinstance(node, ast.Call):
            yield from self.call(node)
        if isinstance(node, ast.Return) and node.value is not None:
            yield from self.return_none(node)
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
            yield from self.decorators(node)
        for field in ("body", "orelse", "finalbody"):
            body = getattr(node, field, None)
            if isinstance(body, list):
                yield from self.deletions(node, field, body)

    def gap_edit(self, operator: str, left: Located, right: Located, pattern: str, token: str) -> Iterator[Mutant]:
        start, end = self.source.span(left)[1], self.source.span(right)[0]
        replaced = swap_token(self.source.data[start:end], pattern, token)
        if replaced is not None:
            yield self.make(operator, start, end, replaced)

    def compare(self, node: ast.Compare) -> Iterator[Mutant]:
        operands = [node.left, *node.comparators]
        for index, op in enumerate(node.ops):
            pattern, token = COMPARE_FLIPS[type(op)]
            yield from self.gap_edit("compare", operands[index], operands[index + 1], pattern, token)
        if len(node.ops) == 1 and isinstance(node.ops[0], ORDERING):
            yield from self.swapped("swap-operands", node.left, node.comparators[0])

    def swapped(self, operator: str, first: Located, second: Located) -> Iterator[Mutant]:
        """`first <gap> second` -> `second <gap> first`."""
        (start, first_end), (second_start, end) = (self.source.span(first), self.source.span(second))
        if first_end > second_start:
            return
        data = self.source.data
        yield self.make(
            operator, start, end, data[second_start:end] + data[first_end:second_start] + data[start:first_end]
        )

    def bool_op(self, node: ast.BoolOp) -> Iterator[Mutant]:
        pattern, token = BOOL_TOKENS[type(node.op)]
        start, end = (self.source.span(node.values[0])[1], self.source.span(node.values[-1])[0])
        pieces = []
        for left, right in pairwise(node.values):
            gap_start, gap_end = self.source.span(left)[1], self.source.span(right)[0]
            replaced = swap_token(self.source.data[gap_start:gap_end], pattern, token)
            if replaced is None:
                return
            pieces.append(replaced)
            if right is not node.values[-1]:
                pieces.append(self.source.piece(right))
        yield self.make("and-or", start, end, b"".join(pieces))

    def not_removed(self, node: ast.UnaryOp) -> Iterator[Mutant]:
        start, end = self.source.span(node)[0], self.source.span(node.operand)[0]
        prefix = self.source.data[start:end]
        match = re.match(rb"not\b\s*", prefix)
        if match:
            yield self.make("not", start, end, prefix[match.end() :])

    def arithmetic(self, node: ast.BinOp) -> Iterator[Mutant]:
        if type(node.op) in ARITHMETIC:
            pattern, token = ARITHMETIC[type(node.op)]
            yield from self.gap_edit("arithmetic", node.left, node.right, pattern, token)
        if isinstance(node.op, NON_COMMUTATIVE) or (isinstance(node.op, ast.Add) and is_text(node)):
            yield from self.swapped("swap-operands", node.left, node.right)

    def augmented(self, node: ast.AugAssign) -> Iterator[Mutant]:
        if isinstance(node.op, (ast.Add, ast.Sub)):
            pattern, token = (r"\+=", "-=") if isinstance(node.op, ast.Add) else (r"-=", "+=")
            yield from self.gap_edit("arithmetic", node.target, node.value, pattern, token)

    def constant(self, node: ast.Constant) -> Iterator[Mutant]:
        start, end = self.source.span(node)
        value = node.value
        if isinstance(value, bool):
            yield self.make("true-false", start, end, b"False" if value else b"True")
        elif isinstance(value, int):
            yield self.make("number", start, end, str(value + 1).encode())
        elif isinstance(value, (str, bytes)):
            prefix = b"b" if isinstance(value, bytes) else b""
            yield self.make("string", start, end, prefix + (b'"XX"' if not value else b'""'))

    def return_none(self, node: ast.Return) -> Iterator[Mutant]:
        assert node.value is not None
        if not (isinstance(node.value, ast.Constant) and node.value.value is None):
            start, end = self.source.span(node.value)
            yield self.make("return-none", start, end, b"None")

    def call(self, node: ast.Call) -> Iterator[Mutant]:
        positional = [] if decorator_name(node.func) in TYPE_ONLY_CALLS else node.args
        for first, second in pairwise(positional):
            if not isinstance(first, ast.Starred) and not isinstance(second, ast.Starred):
                yield from self.swapped("swap-arguments", first, second)
        arguments: list[ast.expr | ast.keyword] = sorted(
            [*node.args, *node.keywords], key=lambda n: self.source.span(n)
        )
        for index, keyword in enumerate(arguments):
            if isinstance(keyword, ast.keyword) and droppable(keyword):
                yield from self.dropped(node, arguments, index)

    def dropped(self, call: ast.Call, arguments: list[ast.expr | ast.keyword], index: int) -> Iterator[Mutant]:
        """One argument removed with its comma."""
        start, end = self.source.span(arguments[index])
        if index > 0:
            start = self.source.span(arguments[index - 1])[1]
        elif index + 1 < len(arguments):
            end = self.source.span(arguments[index + 1])[0]
        else:
            end = self.source.span(call)[1] - 1  # up to the closing parenthesis: a trailing comma goes too
        yield self.make("drop-keyword", start, end, b"")

    def decorators(self, node: ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef) -> Iterator[Mutant]:
        data = self.source.data
        for decorator in node.decorator_list:
            if decorator_name(decorator) in SPEED_ONLY_DECORATORS:
                continue
            start, end = self.source.span(decorator)
            line_start = data.rfind(b"\n", 0, start) + 1
            line_end = data.find(b"\n", end)
            if not re.fullmatch(rb"[ \t]*@[ \t]*", data[line_start:start]) or data[end:line_end].strip():
                continue
            yield self.make("decorator", line_start, line_end + 1, b"")

    def deletions(self, parent: ast.AST, field: str, body: list[ast.stmt]) -> Iterator[Mutant]:
        """Each statement of a body replaced with `pass` (an `elif`'s `if` is left alone: its branches are not)."""
        for statement in body:
            if (
                id(statement) in self.skip
                or isinstance(statement, UNDELETABLE)
                or (isinstance(statement, ast.Return) and statement.value)
            ):
                continue
            if isinstance(statement, ast.AnnAssign) and statement.value is None:
                continue
            if isinstance(statement, ast.Expr) and isinstance(statement.value, ast.Constant):
                continue  # a docstring or `...`
            if (
                isinstance(statement, ast.Expr)
                and isinstance(statement.value, ast.Call)
                and is_logging(statement.value)
            ):
                continue
            start, end = self.source.span(statement)
            if field == "orelse" and isinstance(statement, ast.If) and self.source.data[start:].startswith(b"elif"):
                continue
            yield self.make("delete", start, end, b"pass")


def droppable(keyword: ast.keyword) -> bool:
    """Whether dropping a keyword argument can change anything: not `**kwargs`, not `encoding=` (UTF-8 is
    the locale's), not a keyword given as None or False (most often the parameter's default)."""
    if keyword.arg is None or keyword.arg == "encoding":
        return False
    return not (isinstance(keyword.value, ast.Constant) and keyword.value.value in (None, False))


def is_text(node: ast.BinOp) -> bool:
    """Whether an addition joins text or lists (its operands then do not commute)."""
    return any(
        isinstance(side, (ast.JoinedStr, ast.List)) or (isinstance(side, ast.Constant) and isinstance(side.value, str))
        for side in (node.left, node.right)
    )


def known_mutant(text: str, old: str, new: str, what: str) -> Mutant | None:
    """A named survivor (mutate/known.py) as a mutant: the first `old` in `text` becomes `new`; None if absent."""
    source = Source(text)
    at = text.find(old)
    if at < 0:
        return None
    start = len(text[:at].encode("utf-8"))
    end = start + len(old.encode("utf-8"))
    replacement = new.encode("utf-8")
    common = 0
    while common < min(len(old), len(new)) and old[common] == new[common]:
        common += 1
    line = source.line_of(start + len(old[:common].encode("utf-8")))
    return Mutant("known", start, end, replacement, line, what)


def mutated_line(data: bytes, mutant: Mutant) -> str:
    """The mutated text of the mutant's first changed line, for the report."""
    mutated = mutant.apply(data)
    lines = mutated.decode("utf-8", "replace").splitlines()
    return lines[mutant.line - 1].strip() if mutant.line - 1 < len(lines) else ""
