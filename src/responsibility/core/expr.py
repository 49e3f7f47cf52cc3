"""A small, safe expression language for computable provisions.

Policy files state conditions such as ``special_poverty_funds / general_budget_revenue >= 1%``.
They are tokenized and parsed here by a recursive-descent parser into a tree that is evaluated
over :class:`~decimal.Decimal` numbers — never with ``eval`` or ``exec`` — and the same tree
explains its result (``special funds 8,000,000 / revenue 1,000,000,000 = 0.80% < 1%``).

Grammar (``docs/computable.md`` has the author's version)::

    expr       := or_expr
    or_expr    := and_expr ("or" and_expr)*
    and_expr   := not_expr ("and" not_expr)*
    not_expr   := "not" not_expr | comparison
    comparison := sum [("<" | "<=" | ">" | ">=" | "==" | "!=" | "in" | "not" "in") sum]
    sum        := product (("+" | "-") product)*
    product    := unary (("*" | "/") unary)*
    unary      := "-" unary | atom
    atom       := NUMBER ["%"] | STRING | "true" | "false" | NAME
                | NAME "(" [expr ("," expr)*] ")" | "(" expr ")" | "[" [expr ("," expr)*] "]"

Comparisons do not chain (``a < b < c`` is an error), so every condition reads one way only.
Errors carry the 1-based column of the offending token.

Bounds (``docs/guide/cli.md``, "Limits"), checked while parsing so that neither the parser nor the
evaluator ever meets Python's recursion limit: at most :data:`MAX_LENGTH` characters, at most
:data:`MAX_DEPTH` levels of nesting (brackets, calls, ``-``, ``not``, and each operator of a
chain such as ``a + b + c``), and number literals below :data:`MAX_MAGNITUDE` in absolute value.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from decimal import Decimal, DecimalException

Value = Decimal | str | bool | dt.date | list["Value"]

KEYWORDS = frozenset({"and", "or", "not", "in", "true", "false"})
COMPARATORS = ("<=", ">=", "==", "!=", "<", ">", "in", "not in")
NEGATED = {"<": ">=", "<=": ">", ">": "<=", ">=": "<", "==": "!=", "!=": "==", "in": "not in", "not in": "in"}
# Function name → (min args, max args); `prev` and `growth` take a fact name, not a value.
FUNCTIONS: dict[str, tuple[int, int]] = {
    "prev": (1, 2),
    "growth": (1, 2),
    "known": (1, 1),
    "min": (1, 99),
    "max": (1, 99),
    "abs": (1, 1),
}
_TOKEN = re.compile(
    r"""(?P<ws>\s+)
      |(?P<number>\d+(?:\.\d+)?(?:[eE][+-]?\d+)?)
      |(?P<string>"[^"\\]*"|'[^'\\]*')
      |(?P<name>[A-Za-z_][A-Za-z0-9_]*)
      |(?P<op><=|>=|==|!=|[<>+\-*/%(),\[\]])
    """,
    re.VERBOSE,
)
MAX_LENGTH = 2000  # conditions are one line; refuse anything that is clearly not one
MAX_DEPTH = 32  # real conditions are 3 or 4 levels deep; each level costs ~10 Python frames
MAX_MAGNITUDE = Decimal(10) ** 15  # also the bound on numbers in facts (facts.py)


def too_large(value: Decimal) -> bool:
    """|value| ≥ MAX_MAGNITUDE, without arithmetic (which could overflow on 1e999999999)."""
    return value.is_finite() and value != 0 and value.adjusted() >= MAX_MAGNITUDE.adjusted()


class ExprError(ValueError):
    """A bad expression or a failed evaluation, with the 1-based column it concerns."""

    def __init__(self, message: str, column: int, source: str = "") -> None:
        self.message = message
        self.column = column
        self.source = source
        super().__init__(f"column {column}: {message}")


class MissingFact(LookupError):
    """A fact the expression needs is not in the facts; the rule's outcome is then unknown."""

    def __init__(self, what: str, name: str | None = None) -> None:
        self.what = what
        self.name = name  # the fact's field (special_poverty_funds), where one fact is missing
        super().__init__(what)


@dataclass(frozen=True)
class Token:
    kind: str  # number, string, name, op, keyword, end
    text: str
    column: int


def tokenize(source: str) -> list[Token]:
    if len(source) > MAX_LENGTH:
        raise ExprError(f"expression is {len(source)} characters; the limit is {MAX_LENGTH}", 1, source)
    out: list[Token] = []
    pos = 0
    while pos < len(source):
        m = _TOKEN.match(source, pos)
        if m is None:
            raise ExprError(f"unexpected character {source[pos]!r}", pos + 1, source)
        kind = m.lastgroup or ""
        if kind != "ws":
            text = m.group()
            if kind == "name" and text in KEYWORDS:
                kind = "keyword"
            out.append(Token(kind, text, pos + 1))
        pos = m.end()
    out.append(Token("end", "", len(source) + 1))
    return out


# -- the tree -----------------------------------------------------------------------------------


@dataclass(frozen=True)
class Node:
    column: int


@dataclass(frozen=True)
class Literal(Node):
    value: Value
    text: str
    percent: bool = False


@dataclass(frozen=True)
class Name(Node):
    name: str


@dataclass(frozen=True)
class ListNode(Node):
    items: tuple[Node, ...]


@dataclass(frozen=True)
class Call(Node):
    func: str
    args: tuple[Node, ...]


@dataclass(frozen=True)
class Unary(Node):
    op: str  # "-" or "not"
    operand: Node


@dataclass(frozen=True)
class Binary(Node):
    op: str  # + - * / and or, or a comparator
    left: Node
    right: Node


@dataclass(frozen=True)
class Expr:
    """A parsed expression: its source text and tree."""

    source: str
    tree: Node
    names: frozenset[str] = field(default_factory=frozenset)

    def __str__(self) -> str:
        return self.source


class _Parser:
    def __init__(self, source: str) -> None:
        self.source = source
        self.tokens = tokenize(source)
        self.i = 0
        self.depth = 0

    def nest(self, tok: Token) -> None:
        """Count one level of nesting, refusing the level past MAX_DEPTH before recursing into it."""
        self.depth += 1
        if self.depth > MAX_DEPTH:
            raise self.error(f"expression nested deeper than {MAX_DEPTH} levels", tok)

    @property
    def tok(self) -> Token:
        return self.tokens[self.i]

    def error(self, message: str, tok: Token | None = None) -> ExprError:
        return ExprError(message, (tok or self.tok).column, self.source)

    def take(self) -> Token:
        t = self.tok
        self.i += 1
        return t

    def accept(self, text: str) -> Token | None:
        if self.tok.text == text and self.tok.kind in ("op", "keyword"):
            return self.take()
        return None

    def expect(self, text: str, what: str) -> Token:
        t = self.accept(text)
        if t is None:
            raise self.error(f"expected {what}, found {_describe(self.tok)}")
        return t

    def parse(self) -> Node:
        if self.tok.kind == "end":
            raise self.error("empty expression")
        node = self.or_expr()
        if self.tok.kind != "end":
            raise self.error(f"unexpected {_describe(self.tok)}")
        return node

    def or_expr(self) -> Node:
        node = self.and_expr()
        while (t := self.accept("or")) is not None:
            node = Binary(t.column, "or", node, self.and_expr())
        return node

    def and_expr(self) -> Node:
        node = self.not_expr()
        while (t := self.accept("and")) is not None:
            node = Binary(t.column, "and", node, self.not_expr())
        return node

    def not_expr(self) -> Node:
        if self.tok.text == "not" and self.tok.kind == "keyword":
            t = self.take()
            self.nest(t)
            node = Unary(t.column, "not", self.not_expr())
            self.depth -= 1
            return node
        return self.comparison()

    def comparison(self) -> Node:
        left = self.sum()
        op_tok = self.tok
        op = self._comparator()
        if op is None:
            return left
        node = Binary(op_tok.column, op, left, self.sum())
        if self._comparator(peek=True) is not None:
            raise self.error("comparisons do not chain: write 'a < b and b < c'")
        return node

    def _comparator(self, peek: bool = False) -> str | None:
        t = self.tok
        if t.kind == "op" and t.text in COMPARATORS:
            if not peek:
                self.take()
            return t.text
        if t.kind == "keyword" and t.text == "in":
            if not peek:
                self.take()
            return "in"
        nxt = self.tokens[self.i + 1] if self.i + 1 < len(self.tokens) else t
        if t.kind == "keyword" and t.text == "not" and nxt.text == "in":
            if not peek:
                self.i += 2
            return "not in"
        return None

    def sum(self) -> Node:
        node = self.product()
        while self.tok.kind == "op" and self.tok.text in "+-":
            t = self.take()
            node = Binary(t.column, t.text, node, self.product())
        return node

    def product(self) -> Node:
        node = self.unary()
        while self.tok.kind == "op" and self.tok.text in ("*", "/"):
            t = self.take()
            node = Binary(t.column, t.text, node, self.unary())
        return node

    def unary(self) -> Node:
        if self.tok.kind == "op" and self.tok.text == "-":
            t = self.take()
            self.nest(t)
            node = Unary(t.column, "-", self.unary())
            self.depth -= 1
            return node
        return self.atom()

    def atom(self) -> Node:
        t = self.tok
        if t.kind == "number":
            self.take()
            value = Decimal(t.text)
            if too_large(value):
                raise self.error(f"number too large: numbers are below 10^{MAX_MAGNITUDE.adjusted()}", t)
            if self.accept("%") is not None:
                return Literal(t.column, value / 100, f"{t.text}%", percent=True)
            return Literal(t.column, value, t.text)
        if t.kind == "string":
            self.take()
            return Literal(t.column, t.text[1:-1], t.text)
        if t.kind == "keyword" and t.text in ("true", "false"):
            self.take()
            return Literal(t.column, t.text == "true", t.text)
        if t.kind == "name":
            self.take()
            if self.accept("(") is not None:
                self.nest(t)
                call = self.call(t)
                self.depth -= 1
                return call
            return Name(t.column, t.text)
        if self.accept("(") is not None:
            self.nest(t)
            node = self.or_expr()
            self.expect(")", "')'")
            self.depth -= 1
            return node
        if self.accept("[") is not None:
            self.nest(t)
            items = self.items("]")
            self.depth -= 1
            return ListNode(t.column, tuple(items))
        raise self.error(f"expected a value, found {_describe(t)}")

    def items(self, close: str) -> list[Node]:
        out: list[Node] = []
        if self.accept(close) is not None:
            return out
        while True:
            out.append(self.or_expr())
            if self.accept(close) is not None:
                return out
            self.expect(",", f"',' or '{close}'")

    def call(self, name: Token) -> Node:
        if name.text not in FUNCTIONS:
            near = [f for f in FUNCTIONS if f.startswith(name.text[:2])]
            hint = f"; did you mean {near[0]}?" if near else f"; functions are {', '.join(sorted(FUNCTIONS))}"
            raise self.error(f"unknown function '{name.text}'{hint}", name)
        args = tuple(self.items(")"))
        lo, hi = FUNCTIONS[name.text]
        if not lo <= len(args) <= hi:
            want = str(lo) if lo == hi else f"{lo} to {hi}"
            raise self.error(f"{name.text}() takes {want} argument(s), got {len(args)}", name)
        if name.text in ("prev", "growth", "known") and not isinstance(args[0], Name):
            raise ExprError(f"{name.text}() takes the name of a fact", args[0].column, self.source)
        if name.text in ("prev", "growth") and len(args) == 2:
            n = args[1]
            if not (isinstance(n, Literal) and isinstance(n.value, Decimal) and n.value == int(n.value) >= 1):
                raise ExprError(
                    f"{name.text}(x, n) takes a whole number of years n ≥ 1", n.column, self.source
                )
        return Call(name.column, name.text, args)


def _describe(t: Token) -> str:
    return "the end of the expression" if t.kind == "end" else f"'{t.text}'"


def _children(node: Node) -> tuple[Node, ...]:
    if isinstance(node, Call):
        return node.args
    if isinstance(node, ListNode):
        return node.items
    if isinstance(node, Unary):
        return (node.operand,)
    if isinstance(node, Binary):
        return (node.left, node.right)
    return ()


def _check_depth(tree: Node, source: str) -> None:
    """Refuse a tree deeper than MAX_DEPTH (a long chain `a + b + c + …` nests to the left):
    a node's depth is the number of operators, calls and lists around it, as the parser counts
    brackets. Iterative, so the check itself cannot overflow the stack."""
    stack = [(tree, 0)]
    while stack:
        node, depth = stack.pop()
        if depth > MAX_DEPTH:
            raise ExprError(
                f"expression nested deeper than {MAX_DEPTH} levels (each operator of a chain is one);"
                " split it into several rules or use min()/max()",
                node.column,
                source,
            )
        stack += [(k, depth + 1) for k in _children(node)]


def _names(node: Node) -> set[str]:
    if isinstance(node, Name):
        return {node.name}
    if isinstance(node, Call | ListNode):
        kids = node.args if isinstance(node, Call) else node.items
        return set().union(*(_names(k) for k in kids)) if kids else set()
    if isinstance(node, Unary):
        return _names(node.operand)
    if isinstance(node, Binary):
        return _names(node.left) | _names(node.right)
    return set()


def parse(source: str) -> Expr:
    """Parse an expression; raises :class:`ExprError` with the column of the first bad token."""
    tree = _Parser(source).parse()
    _check_depth(tree, source)
    return Expr(source, tree, frozenset(_names(tree)))


# -- evaluation ---------------------------------------------------------------------------------


class Env:
    """What an expression reads: named facts now and in earlier years. Subclass per fact table."""

    def get(self, name: str) -> Value:
        raise MissingFact(name, name)

    def prev(self, name: str, years: int) -> Value:
        raise MissingFact(f"{name} {years} year(s) earlier", name)


class MapEnv(Env):
    """Facts in a mapping; `earlier[n]` holds the mapping n years back, where there is one."""

    def __init__(self, now: Mapping[str, Value], earlier: Mapping[int, Mapping[str, Value]] | None = None):
        self.now = now
        self.earlier = earlier or {}

    def get(self, name: str) -> Value:
        if name not in self.now:
            raise MissingFact(name, name)
        return self.now[name]

    def prev(self, name: str, years: int) -> Value:
        row = self.earlier.get(years)
        if row is None or name not in row:
            raise MissingFact(f"{name} {years} year(s) earlier", name)
        return row[name]


def evaluate(expr: Expr | Node, env: Env) -> Value:
    """The value of an expression; :class:`MissingFact` when a fact is absent."""
    node = expr.tree if isinstance(expr, Expr) else expr
    src = expr.source if isinstance(expr, Expr) else ""
    return _Evaluator(env, src).eval(node)


def truth(expr: Expr, env: Env) -> bool:
    value = evaluate(expr, env)
    if not isinstance(value, bool):
        raise ExprError(f"a condition must be true or false, not {_kind(value)}", 1, expr.source)
    return value


def _kind(v: Value) -> str:
    if isinstance(v, bool):
        return "a truth value"
    if isinstance(v, Decimal):
        return "a number"
    if isinstance(v, str):
        return "text"
    if isinstance(v, dt.date):
        return "a date"
    return "a list"


def _given(v: Value, node: Node) -> str:
    """What a value of the wrong kind is, naming the fact it came from: a fact written as text
    (一亿) is then found in its file by name, not only by the rule's expression."""
    if isinstance(node, Name) and isinstance(v, str):
        return f"text for '{node.name}' ('{v}')"
    if isinstance(node, Name):
        return f"{_kind(v)} for '{node.name}'"
    return _kind(v)


class _Evaluator:
    def __init__(self, env: Env, source: str) -> None:
        self.env = env
        self.source = source
        self.memo: dict[int, Value] = {}  # node id → value: explanations revisit subtrees

    def fail(self, message: str, node: Node) -> ExprError:
        return ExprError(message, node.column, self.source)

    def number(self, node: Node) -> Decimal:
        return self._num(self.eval(node), node)

    def boolean(self, node: Node) -> bool:
        v = self.eval(node)
        if not isinstance(v, bool):
            raise self.fail(f"expected true or false, got {_given(v, node)}", node)
        return v

    def eval(self, node: Node) -> Value:
        key = id(node)
        if key not in self.memo:
            self.memo[key] = self._eval(node)
        return self.memo[key]

    def _eval(self, node: Node) -> Value:
        if isinstance(node, Literal):
            return node.value
        if isinstance(node, Name):
            return self.env.get(node.name)
        if isinstance(node, ListNode):
            return [self.eval(n) for n in node.items]
        if isinstance(node, Call):
            return self.call(node)
        if isinstance(node, Unary):
            if node.op == "not":
                return not self.boolean(node.operand)
            return -self.number(node.operand)
        assert isinstance(node, Binary)
        if node.op == "and":  # short-circuit, so `known(x) and x > 0` works
            return self.boolean(node.left) and self.boolean(node.right)
        if node.op == "or":
            return self.boolean(node.left) or self.boolean(node.right)
        if node.op in ("+", "-", "*", "/"):
            return self.arith(node)
        return self.compare(node.op, self.eval(node.left), self.eval(node.right), node)

    def arith(self, node: Binary) -> Decimal:
        a, b = self.number(node.left), self.number(node.right)
        try:
            if node.op == "+":
                return a + b
            if node.op == "-":
                return a - b
            if node.op == "*":
                return a * b
            if b == 0:
                raise self.fail("division by zero", node)
            return a / b
        except DecimalException:  # overflow, or an operation Decimal cannot do
            raise self.fail("arithmetic error (a number out of range)", node) from None

    def compare(self, op: str, a: Value, b: Value, node: Node) -> bool:
        if op in ("in", "not in"):
            if not isinstance(b, list):
                raise self.fail(f"'{op}' needs a list on its right, got {_kind(b)}", node)
            return (a in b) == (op == "in")
        if op in ("==", "!="):
            if _kind(a) != _kind(b):
                raise self.fail(f"cannot compare {_kind(a)} with {_kind(b)}", node)
            return (a == b) == (op == "==")
        if _kind(a) != _kind(b) or isinstance(a, bool | list | str):
            raise self.fail(f"cannot order {_kind(a)} and {_kind(b)}", node)
        ops: dict[str, Callable[[object, object], bool]] = {
            "<": lambda x, y: x < y,  # type: ignore[operator]
            "<=": lambda x, y: x <= y,  # type: ignore[operator]
            ">": lambda x, y: x > y,  # type: ignore[operator]
            ">=": lambda x, y: x >= y,  # type: ignore[operator]
        }
        return ops[op](a, b)

    def call(self, node: Call) -> Value:
        f, args = node.func, node.args
        if f in ("prev", "growth", "known"):
            assert isinstance(args[0], Name)
            name = args[0].name
            if f == "known":
                try:
                    self.env.get(name)
                except MissingFact:
                    return False
                return True
            years = int(self.number(args[1])) if len(args) == 2 else (1 if f == "prev" else 0)
            if f == "prev":
                return self.env.prev(name, years)
            # growth(x, n): the growth of x n years back (n = 0, this year's) over its previous year
            # a value of the wrong kind is named by its fact (args[0]), as in any other use of it
            now = self._num(self.env.prev(name, years) if years else self.env.get(name), args[0])
            before = self._num(self.env.prev(name, years + 1), args[0])
            if before == 0:
                raise self.fail(f"growth of {name} is undefined: the previous year's value is 0", node)
            try:
                return (now - before) / before
            except DecimalException:
                raise self.fail("arithmetic error (a number out of range)", node) from None
        nums = [self.number(a) for a in args]
        if f == "abs":
            return abs(nums[0])
        return min(nums) if f == "min" else max(nums)

    def _num(self, v: Value, node: Node) -> Decimal:
        if isinstance(v, bool) or not isinstance(v, Decimal):
            raise self.fail(f"expected a number, got {_given(v, node)}", node)
        return v


# -- explanation --------------------------------------------------------------------------------


@dataclass(frozen=True)
class Style:
    """How to show facts: labels for names (``special funds``) and names shown as percentages."""

    labels: Mapping[str, str] = field(default_factory=dict)
    percent: frozenset[str] = frozenset()


def fmt_number(d: Decimal, percent: bool = False) -> str:
    """`8,000,000`, `0.125`, or with percent `0.80%` (two decimals); beyond 28 digits `1.2e+40`."""
    try:
        return _fmt_number(d, percent)
    except DecimalException:  # quantize needs more digits than the context's precision
        return f"{d.scaleb(2):.6g}%" if percent else f"{d:.6g}"


def _fmt_number(d: Decimal, percent: bool) -> str:
    if not d.is_finite():
        return str(d)
    if percent:
        return f"{(d * 100).quantize(Decimal('0.01')):,f}%"
    if d == d.to_integral_value():
        return f"{d.quantize(Decimal(1)):,f}"
    q = d.quantize(Decimal("0.0001")).normalize()
    return f"{q:,f}"


def fmt_value(v: Value, percent: bool = False) -> str:
    if isinstance(v, bool):
        return "true" if v else "false"
    if isinstance(v, Decimal):
        return fmt_number(v, percent)
    if isinstance(v, str):
        return f'"{v}"'
    if isinstance(v, dt.date):
        return v.isoformat()
    return "[" + ", ".join(fmt_value(x, percent) for x in v) + "]"


def _is_percent(node: Node, style: Style) -> bool:
    if isinstance(node, Literal):
        return node.percent
    if isinstance(node, Name):
        return node.name in style.percent
    if isinstance(node, Call):
        if node.func == "growth":
            return True
        return any(_is_percent(a, style) for a in node.args) if node.func != "known" else False
    if isinstance(node, Unary):
        return node.op == "-" and _is_percent(node.operand, style)
    if isinstance(node, Binary) and node.op in ("+", "-"):
        return _is_percent(node.left, style) or _is_percent(node.right, style)
    return False


class _Explainer:
    def __init__(self, env: Env, style: Style, source: str) -> None:
        self.ev = _Evaluator(env, source)
        self.style = style

    def label(self, name: str) -> str:
        return self.style.labels.get(name, name)

    def term(self, node: Node, percent: bool = False) -> str:
        """A sub-expression with the value of each fact in it: `special funds 8,000,000 / revenue …`.

        `percent` shows a bare fact as a percentage (when it is compared with one); the facts
        inside a computation are shown as themselves.
        """
        if isinstance(node, Literal):
            return node.text
        if isinstance(node, Name):
            value = self.ev.eval(node)
            shown = fmt_value(value, percent or node.name in self.style.percent)
            return f"{self.label(node.name)} {shown}"
        if isinstance(node, Call):
            value = self.ev.eval(node)
            inner = ", ".join(self.label(a.name) if isinstance(a, Name) else self.term(a) for a in node.args)
            shown = fmt_value(value, percent or _is_percent(node, self.style))
            return f"{node.func}({inner}) {shown}"
        if isinstance(node, ListNode):
            return "[" + ", ".join(self.term(n) for n in node.items) + "]"
        if isinstance(node, Unary):
            return f"-{self._wrap(node.operand)}"
        assert isinstance(node, Binary)
        return f"{self._wrap(node.left)} {node.op} {self._wrap(node.right)}"

    def _wrap(self, node: Node) -> str:
        text = self.term(node)
        return f"({text})" if isinstance(node, Binary) else text

    def side(self, node: Node, percent: bool) -> str:
        if isinstance(node, Binary | Unary):
            return f"{self.term(node)} = {fmt_value(self.ev.eval(node), percent)}"
        return self.term(node, percent)

    def explain(self, node: Node) -> str:
        if isinstance(node, Binary) and node.op in ("and", "or"):
            left = self.ev.boolean(node.left) if self._safe(node.left) else None
            right = self.ev.boolean(node.right) if self._safe(node.right) else None
            value = self.ev.boolean(node)
            # show only the parts that decide the outcome
            decisive = [
                n for n, v in ((node.left, left), (node.right, right)) if v is not None and v == value
            ]
            if node.op == "and" and not value:
                decisive = decisive[:1]
            if node.op == "or" and value:
                decisive = decisive[:1]
            return "; ".join(self.explain(n) for n in decisive or [node.left])
        if isinstance(node, Unary) and node.op == "not":
            return f"not ({self.explain(node.operand)})"
        if isinstance(node, Binary) and node.op in NEGATED:
            percent = _is_percent(node.left, self.style) or _is_percent(node.right, self.style)
            holds = self.ev.boolean(node)
            op = node.op if holds else NEGATED[node.op]
            return f"{self.side(node.left, percent)} {_SYMBOL.get(op, op)} {self.side(node.right, percent)}"
        return f"{self.term(node, _is_percent(node, self.style))}"

    def _safe(self, node: Node) -> bool:
        try:
            self.ev.eval(node)
        except (MissingFact, ExprError):
            return False
        return True


_SYMBOL = {"<=": "≤", ">=": "≥", "!=": "≠", "==": "="}


def judge(expr: Expr, env: Env, style: Style | None = None) -> tuple[bool, str]:
    """A condition's truth and its explanation, evaluating each sub-expression once."""
    ex = _Explainer(env, style or Style(), expr.source)
    value = ex.ev.eval(expr.tree)
    if not isinstance(value, bool):
        raise ExprError(f"a condition must be true or false, not {_kind(value)}", 1, expr.source)
    return value, ex.explain(expr.tree)


def explain(expr: Expr, env: Env, style: Style | None = None) -> str:
    """The computation behind a condition's value, showing every fact it reads and the outcome.

    ``special_funds / revenue >= 1%`` on 8,000,000 and 1,000,000,000 reads
    ``special_funds 8,000,000 / revenue 1,000,000,000 = 0.80% < 1%``.
    """
    return _Explainer(env, style or Style(), expr.source).explain(expr.tree)
