"""Load policy files into a validated :class:`~responsibility.policy.policyset.PolicySet`.

Loading has three stages, and every stage collects all of its problems before raising one
:class:`~responsibility.core.errors.PolicyError`:

1. read: size limit, UTF-8, safe YAML with positions (:mod:`responsibility.policy.yamlfile`);
2. shape: each document against the pydantic models (unknown fields, wrong types);
3. references: every id a document names resolves, quotes are in their provisions, every
   provision has a duty or says why not (:mod:`responsibility.policy.references`).

A policy set is composed from several roots: the policies shipped with the package and any
number of user directories or files. A user file whose regulation (or catalogue) id is also
shipped replaces the shipped one, so a county can check its own edited copy.

Which files are policies: a file named on the command line always is (its kind defaults to
``regulation``). In a directory, only a ``.yaml``/``.yml`` file that declares a top-level
``kind:`` the tool knows is read (``regulation``, ``catalogue``, ``rules``; ``scenarios``,
``facts``, ``evidence`` and ``waivers`` are read by their own commands), so a repository's
``mkdocs.yml`` or CI configuration is never taken for a policy. Policies gone wrong are read and
reported instead: a kind that is a misspelling of a known one (``regulashun``), or any unknown
kind in a file with a policy's top-level keys (``id:``), is E011; an empty file is E006; a file
saved as UTF-16 or UTF-32, whose ``kind:`` cannot even be seen, is E005. Another tool's kind
(``kind: Deployment``) is passed over. A directory given that holds no policy file at all is
E009: it would otherwise check nothing and pass. Dot-directories and the configured ``exclude``
patterns are not entered. Files passed over are listed in ``skipped`` when the caller asks
(``check --verbose``).
"""

from __future__ import annotations

import difflib
import functools
import gc
import hashlib
import os
import re
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Protocol, TypeVar

from responsibility.core import observe
from responsibility.core.codes import E008, E009, E010, E011, E012, E030
from responsibility.core.errors import Finding, Location, PolicyError
from responsibility.core.wording import plural
from responsibility.policy import cache, model, shape
from responsibility.policy.fidelity import check_source
from responsibility.policy.model import Catalogue, Regulation, RuleSet
from responsibility.policy.policyset import PolicySet, SourceInfo, provision_paths
from responsibility.policy.references import Facts, check_facts, check_references, facts_of
from responsibility.policy.yamlfile import (
    MAX_BYTES,
    LazyMarks,
    Positions,
    decode,
    display_name,
    is_blank,
    load_data,
    load_text,
    read_head,
    store_marks,
    too_large,
    wide_text,
)

POLICY_SUFFIXES = (".yaml", ".yml")
# A load asked to keep marks (`check`, whose findings point into the policies) keeps those of the
# files it parses while their text adds up to no more than this: working them out with the text
# in hand costs next to nothing, while a report that needs one later re-reads and re-parses the
# file (LazyMarks) — a shipped `check` parsed its four large regulations twice. Larger loads (a
# nationwide corpus) keep none: marks take about 40 times the text's size in memory. The
# positions are the same either way.
MARKS_BUDGET = 2 * 1024 * 1024
# `validate` drops each document once its facts are taken, and reads again from its file a
# document the joined checks must see (a regulation that a rules file or an actor's other name
# quotes). A small set's documents are held instead, while their files add up to no more than
# this (the shipped files are 0.7 MiB): reading the shipped regulations a second time was a
# third of a cold `validate`. A nationwide set holds the first few and reads the rest again, so
# its memory stays bounded (2 MiB held cost a nationwide validate 9.6 MiB of its peak).
HOLD_BUDGET = 1024 * 1024
# Documents of these kinds live beside policies but are read by their own modules.
_TOP_KIND = re.compile(r"^kind:[ \t]*([\w-]+)[ \t]*(?:#.*)?$", re.M)
# Top-level keys of policy documents that other tools' YAML (Kubernetes, CI) does not have: a file
# with one of them and an unknown kind is a policy whose kind is wrong, not another tool's file.
_POLICY_KEY = re.compile(r"^(?:id|cite_as|implements|provisions|regulation)[ \t]*:", re.M)
# A kind sharing its first letters with a known one (regulashun) is a misspelling of it.
_PREFIX = 4
OTHER_KINDS = frozenset({"scenarios", "facts", "evidence", "waivers"})
POLICY_KINDS = frozenset({"regulation", "catalogue", "rules"})
KNOWN_KINDS = POLICY_KINDS | OTHER_KINDS
Document = Regulation | Catalogue | RuleSet


def shipped_root() -> Path:
    """The policies directory shipped in the wheel (or the checkout's, in a source tree)."""
    # the package's own folder, as importlib.resources.files("responsibility") gives it for an
    # installed package (importlib.resources itself costs 8 ms of every start)
    packaged = Path(__file__).parent.parent / "policies"
    if packaged.is_dir():
        return packaged
    checkout = Path(__file__).resolve().parents[3] / "policies"
    if checkout.is_dir():
        return checkout
    raise FileNotFoundError("the shipped policies are missing from this installation")


@dataclass
class _Doc:
    file: Path
    display: str
    data: dict[str, Any]
    marks: Positions  # worked out from the file when a report needs one (LazyMarks)
    shipped: bool
    obj: Document | None = None  # the validated document, when it came from the cache
    key: str | None = None  # its cache key, when the cache is in use
    text: str = ""  # the text parsed, until it is validated: the marks of a shape error
    size: int = 0  # the bytes of its file

    def marks_now(self) -> Positions:
        """The marks, from the text in hand while there is one (no second read of the file)."""
        return load_text(self.text, self.display)[1] if self.text else self.marks


@dataclass(frozen=True)
class Skipped:
    """A file met while walking a directory and not read as a policy, and why."""

    file: str
    reason: str


Exclude = Callable[[Path], bool]


def discover(
    root: Path, exclude: Exclude | None = None, skipped: list[Skipped] | None = None
) -> tuple[list[Path], list[Finding]]:
    """Policy files under `root`, sorted; files that resolve outside it are refused unread.

    `exclude` is asked about every directory and file met below `root` (not `root` itself: a path
    named on the command line is always read); what it excludes is noted in `skipped`.
    """
    if not observe.is_dir(root):
        if observe.lexists(root):  # a file, or a FIFO, device or broken link the reader refuses
            return [root], []
        return [], [E009.finding(Location(display_name(root), 1, 1), "no such file or directory")]
    if exclude is not None and exclude(root):
        exclude = None  # a folder the user names is read, even inside an excluded one
    base = observe.resolve(root)
    files: list[Path] = []
    problems: list[Finding] = []
    for dirpath, dirnames, filenames in observe.walk(root):  # names sorted; each listing noted
        dirnames[:] = [d for d in dirnames if not d.startswith(".")]
        if exclude is not None:
            dirnames[:] = [d for d in dirnames if not _excluded(Path(dirpath) / d, exclude, skipped)]
        for fn in filenames:
            if not fn.endswith(POLICY_SUFFIXES):
                continue
            p = Path(dirpath) / fn
            if exclude is not None and _excluded(p, exclude, skipped):
                continue
            real = _resolve(p)
            if real is None:
                problems.append(
                    E009.finding(
                        Location(display_name(p), 1, 1),
                        "cannot read: a symlink loop",
                        hint="make the link point at a file",
                    )
                )
                continue
            if not real.is_relative_to(base):
                problems.append(
                    E008.finding(
                        Location(display_name(p), 1, 1),
                        f"path resolves outside its root {display_name(root)}; not read",
                        hint="replace the symlink with the file itself",
                    )
                )
                continue
            files.append(p)
    return files, problems


def _excluded(path: Path, exclude: Exclude, skipped: list[Skipped] | None) -> bool:
    if not exclude(path):
        return False
    if skipped is not None:
        skipped.append(Skipped(display_name(path), "excluded by the configuration"))
    return True


def declared_kind(text: str) -> str | None:
    """The top-level `kind:` a file declares, if any (read from the text, before parsing)."""
    found = _TOP_KIND.search(text)
    return found.group(1) if found else None


def _not_a_policy(text: str) -> str | None:
    """Why a file found in a directory is passed over, or None when it is read as a policy."""
    if is_blank(text):
        return None  # empty: reported as E006, it is a policy gone wrong
    kind = declared_kind(text)
    if kind is None:
        return "declares no kind"
    if kind in OTHER_KINDS:
        return f"kind {kind} is read by its own command, not as a policy"
    if kind in POLICY_KINDS or meant_kind(kind) is not None or _POLICY_KEY.search(text):
        return None  # a policy gone wrong: read, so that E011 names the kind (and the one meant)
    return f"kind {kind} is not one of {', '.join(sorted(KNOWN_KINDS))}; not a policy (no top-level id:)"


def meant_kind(kind: str) -> str | None:
    """The known kind an unknown one misspells (regulaton, regulashun, Catalog), or None when it
    is no near miss of any (Deployment, Service: another tool's)."""
    low = kind.lower()
    for known in sorted(KNOWN_KINDS):
        if low.startswith(known[:_PREFIX]):
            return known
    near = difflib.get_close_matches(low, sorted(KNOWN_KINDS), n=1, cutoff=0.75)
    return near[0] if near else None


def _resolve(path: Path) -> Path | None:
    """The real path, or None for a symlink loop (Path.resolve raises RuntimeError on one)."""
    try:
        return observe.resolve(path)
    except (RuntimeError, OSError):
        return None


def read_document(
    path: Path,
    shipped: bool = False,
    found: bool = False,
    skipped: list[Skipped] | None = None,
    use_cache: bool = False,
    budget: list[int] | None = None,
) -> _Doc | None:
    """One file read as plain data with marks; raises PolicyError for unreadable input.

    A file `found` in a directory (not named by the user) that is not a policy is None, noted
    in `skipped`. With `use_cache`, a file whose bytes were read and validated before comes back
    validated from the cache (:mod:`responsibility.policy.cache`), keyed on the very bytes read here.
    """
    name = display_name(path)
    # Through the one reader: a FIFO or device is refused unopened, the read stops past the cap.
    raw = read_head(path, name, MAX_BYTES + 1)
    # Whether a found file is a policy is decided first, on its text read leniently, so that a
    # large or non-UTF-8 YAML file that is not a policy is passed over rather than reported. Text
    # saved as UTF-16 or UTF-32 cannot be read so at all (its `kind:` is hidden between NUL
    # bytes): it is not passed over but read, and reported (E005) as when it is named.
    if found and not wide_text(raw):
        why = _not_a_policy(_lenient(raw))
        if why is not None:
            if skipped is not None:
                skipped.append(Skipped(name, why))
            return None
    if len(raw) > MAX_BYTES:
        raise too_large(name, path.stat().st_size, MAX_BYTES)
    digest = hashlib.sha256(raw).digest()
    marks = LazyMarks(path, name, digest, use_cache)
    key = cache.key_of(digest) if use_cache else None
    if key is not None:
        hit = cache.get(key)
        if isinstance(hit, Regulation | Catalogue | RuleSet):
            return _Doc(path, name, {"kind": hit.kind}, marks, shipped, hit, key, size=len(raw))
    text = decode(raw, name)
    top_kind = _TOP_KIND.search(text)
    if top_kind and top_kind.group(1) in OTHER_KINDS:  # read by their own modules, not parsed twice
        return _Doc(path, name, {"kind": top_kind.group(1)}, {}, shipped)
    kept: Positions | None = None
    if budget is not None and len(raw) <= budget[0]:  # the bytes of marks kept left to this load
        budget[0] -= len(raw)
        data, kept = load_text(text, name)
        if use_cache:  # a later run that finds the document in the cache finds its positions too
            store_marks(digest, kept)
    else:
        data = load_data(text, name)
    if not isinstance(data, dict):
        raise PolicyError(
            [
                E010.finding(
                    Location(name, 1, 1),
                    "a policy file must be a mapping",
                    hint="start with 'kind: regulation' and 'id: ...'",
                )
            ]
        )
    return _Doc(path, name, data, marks if kept is None else kept, shipped, key=key, text=text, size=len(raw))


def _lenient(raw: bytes) -> str:
    """The text of bytes that may not be UTF-8, decoded once in the common case that they are."""
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError:
        return raw.decode("utf-8", errors="replace")


# The rules a policy document's shape problems are reported under.
POLICY_CODES = shape.Codes(
    unknown=E010,
    missing=E012,
    invalid=E011,
    shape=E011,
    see="see `responsibility schema` for the allowed values",
    expression=E030,
)


def _parse(doc: _Doc, shared: model.Shared) -> Document | None:
    if doc.obj is not None:
        return doc.obj
    kind = doc.data.get("kind", "regulation")
    if isinstance(kind, str) and kind in OTHER_KINDS:
        return None
    cls: type[Regulation] | type[Catalogue] | type[RuleSet]
    if kind == "catalogue":
        cls = Catalogue
    elif kind == "rules":
        cls = RuleSet
    elif kind == "regulation":
        cls = Regulation
    else:
        line, col = _value_at(doc, "kind")
        meant = meant_kind(kind) if isinstance(kind, str) else None
        raise PolicyError(
            [
                E011.finding(
                    Location(doc.display, line, col, "kind"),
                    f"unknown kind '{kind}'",
                    hint=f"did you mean '{meant}'?" if meant else "use 'regulation', 'catalogue' or 'rules'",
                )
            ]
        )
    obj = shape.validate(cls, doc.data, doc.display, doc.marks_now, POLICY_CODES)
    model.compact(obj, shared)  # before storing: an entry then holds each string once
    if doc.key is not None:  # only a file that read and validated cleanly is stored
        cache.put(doc.key, obj)
    return obj


def _value_at(doc: _Doc, key: str) -> tuple[int, int]:
    """Where the value of the top-level `key` starts, as other value errors point (marks keep the
    key's position only): after the key, its colon and the spaces that follow, on its line (the
    key itself when the value is on the lines below, or the text is not in hand)."""
    marks = doc.marks_now()
    line, col = marks.get((key,), (1, 1))
    lines = doc.text.splitlines()
    if (key,) not in marks or line > len(lines):
        return line, col
    after = lines[line - 1][col - 1 + len(key) :]
    rest = after.lstrip(" \t").removeprefix(":").lstrip(" \t")
    if not rest or rest.startswith("#"):
        return line, col
    return line, col + len(key) + len(after) - len(rest)


def load(
    paths: Sequence[str | os.PathLike[str]] = (),
    *,
    include_shipped: bool = True,
    exclude: Exclude | None = None,
    skipped: list[Skipped] | None = None,
    use_cache: bool | None = None,
    keep_marks: bool = False,
    empty_is_error: bool = True,
) -> PolicySet:
    """Load and validate a policy set: the shipped policies (unless excluded) plus `paths`.

    In directories only files that declare a policy kind are read; `exclude` prunes what a walk
    meets; files passed over are appended to `skipped` when given. Raises :class:`PolicyError`
    with every problem found. Files read before come from the cache unless `use_cache` is False
    (None: as :func:`responsibility.policy.cache.enabled` says). With `keep_marks`, the positions
    of a small load's files are kept from their first parse (:data:`MARKS_BUDGET`), for a caller
    that will report many of them. A directory in `paths` that holds no policy file is an error
    (E009) unless `empty_is_error` is False (`test` loads its scenario folders' policies, if any).
    """
    roots: list[tuple[Path, bool]] = []
    if include_shipped:
        roots.append((shipped_root(), True))
    roots += [(Path(p), False) for p in paths]
    # Loading makes hundreds of thousands of objects and no garbage cycles: the collector,
    # triggered every 700 allocations, rescanned them all again and again (over half the time
    # of a large load). It is back on, as it was, when loading ends.
    collecting = gc.isenabled()
    gc.disable()
    try:
        use = cache.enabled() if use_cache is None else use_cache
        return _load(roots, exclude, skipped, use, MARKS_BUDGET if keep_marks else 0, empty_is_error)
    finally:
        if collecting:
            gc.enable()


def _load(
    roots: list[tuple[Path, bool]],
    exclude: Exclude | None,
    skipped: list[Skipped] | None,
    use_cache: bool,
    marks_budget: int = 0,
    empty_is_error: bool = True,
) -> PolicySet:
    problems: list[Finding] = []
    shared = model.Shared()  # the documents of a policy set share equal strings
    parsed = list(
        _validated(
            roots, exclude, skipped, use_cache, problems, lambda: shared, marks_budget, None, empty_is_error
        )
    )
    # Reference checks run even when some files failed, so one run reports everything.
    try:
        policy_set = _compose(_override(parsed))
    except PolicyError as exc:
        problems += exc.diagnostics
    if problems:
        raise PolicyError(problems)
    return policy_set


def _validated(
    roots: Iterable[tuple[Path, bool]],
    exclude: Exclude | None,
    skipped: list[Skipped] | None,
    use_cache: bool,
    problems: list[Finding],
    shared: Callable[[], model.Shared],
    marks_budget: int = 0,
    under: dict[Path, set[int]] | None = None,
    empty_is_error: bool = True,
) -> Iterator[tuple[_Doc, Document]]:
    """Each policy file read and validated in turn, its problems appended to `problems`.

    A file's parsed data is dropped as soon as it is validated, before the next file is read: a
    nationwide set's parsed data held all at once was 258 MiB, more than its documents.
    """
    for doc in _read_roots(roots, exclude, skipped, use_cache, problems, marks_budget, under, empty_is_error):
        try:
            obj = _parse(doc, shared())
        except PolicyError as exc:
            problems += exc.diagnostics
            continue
        finally:
            # not needed once validated (the document from the cache is returned, not kept)
            doc.data, doc.text, doc.obj = {}, "", None
        if obj is not None:
            yield doc, obj


def _read_roots(
    roots: Iterable[tuple[Path, bool]],
    exclude: Exclude | None,
    skipped: list[Skipped] | None,
    use_cache: bool,
    problems: list[Finding],
    marks_budget: int = 0,
    under: dict[Path, set[int]] | None = None,
    empty_is_error: bool = True,
) -> Iterator[_Doc]:
    """Each file of each root read in turn (a file reached through two roots, once). With
    `under`, each file read is noted with the positions in `roots` of the user's roots that
    reach it (under the path it was read by, the first that reached it). A user's directory
    that holds no policy file is a problem (E009) when `empty_is_error`."""
    seen: dict[Path, Path] = {}  # real path -> the path it was first reached by
    read: set[Path] = set()  # the real paths of those read as policies (or reported as such)
    budget = [marks_budget] if marks_budget else None  # bytes of marks left to keep
    users = [os.path.abspath(r) for r, shipped in roots if not shipped]
    for n, (root, shipped) in enumerate(roots):
        noted: list[Skipped] = []  # what this root's walk passes over
        files, found = discover(root, None if shipped else exclude, noted)
        problems += found
        policies = 0  # files of this root read as policies (or reported as policies gone wrong)
        passed_before = 0  # and those an earlier root's walk passed over (noted by it)
        for f in files:
            real = _resolve(f) or f
            first = seen.setdefault(real, f)
            if under is not None and not shipped:
                under.setdefault(first, set()).add(n)
            if first is not f:  # the same file reached through two roots (a checkout's policies/)
                policies += real in read
                passed_before += real not in read
                continue
            try:
                doc = read_document(f, shipped, f != root, noted, use_cache, budget)
            except PolicyError as exc:
                problems += exc.diagnostics
            except OSError as exc:
                problems.append(E009.finding(Location(display_name(f), 1, 1), f"cannot read: {exc.strerror}"))
            else:
                if doc is None:
                    continue
                yield doc
            policies += 1
            read.add(real)
        if empty_is_error and not shipped and not policies and not found:
            problems.append(_no_policy(root, len(noted) + passed_before))
        if skipped is not None:
            # the shipped policies' own scenario files are noted only where the user asked for them
            skipped += (
                noted
                if not shipped
                else [k for k in noted if any(_below(os.path.abspath(k.file), u) for u in users)]
            )


def _no_policy(root: Path, passed: int) -> Finding:
    """E009 for a directory given that holds no policy file: it would otherwise be checked, or
    validated, as holding nothing wrong."""
    name = display_name(root)
    found = f"{plural(passed, 'file')} passed over" if passed else "no .yaml or .yml file"
    return E009.finding(
        Location(name, 1, 1),
        f"no policy file in this folder ({found})",
        hint=(
            "a policy file declares kind: regulation, catalogue or rules; "
            f"`responsibility check -v {name}` lists the files passed over and why"
        ),
    )


def _below(path: str, root: str) -> bool:
    return path == root or path.startswith(root.rstrip(os.sep) + os.sep)


class _Keyed(Protocol):
    @property
    def kind(self) -> str: ...

    @property
    def id(self) -> str: ...


K = TypeVar("K", bound=_Keyed)


def _override(parsed: list[tuple[_Doc, K]]) -> list[tuple[_Doc, K]]:
    """Drop shipped documents that a user document replaces (same kind and id)."""
    user_keys = {(obj.kind, obj.id) for doc, obj in parsed if not doc.shipped}
    return [(d, o) for d, o in parsed if not d.shipped or (o.kind, o.id) not in user_keys]


def source_key(obj: Document) -> str:
    if isinstance(obj, RuleSet):
        return f"rules:{obj.id}"
    return obj.id if isinstance(obj, Regulation) else f"catalogue:{obj.id}"


def _compose(parsed: list[tuple[_Doc, Document]]) -> PolicySet:
    problems = _references(
        [d for d, _ in parsed],
        lambda: check_references([(SourceInfo(d.display, d.marks), o) for d, o in parsed]),
    )
    # the text is the authority: each regulation that names its source must reproduce it
    problems += [
        p
        for d, o in parsed
        if isinstance(o, Regulation)
        for p in check_source(SourceInfo(d.display, d.marks), o, d.file)
    ]
    sources = {source_key(o): SourceInfo(d.display, d.marks, str(observe.resolve(d.file))) for d, o in parsed}
    regs = [o for _, o in parsed if isinstance(o, Regulation)]
    cats = [o for _, o in parsed if isinstance(o, Catalogue)]
    if problems:
        raise PolicyError(problems)
    return PolicySet(
        regs,
        [a for c in cats for a in c.actors] + [a for r in regs for a in r.actors],
        [p for c in cats for p in c.places] + [p for r in regs for p in r.places],
        [a for c in cats for a in c.artefact_kinds],
        [t for c in cats for t in c.topics],
        sources,
        rulesets=[o for _, o in parsed if isinstance(o, RuleSet)],
    )


def _references(docs: Sequence[_Doc], check: Callable[[], list[Finding]]) -> list[Finding]:
    """The reference checks of the whole set (`check`), skipped when this very set of documents
    (the same files' bytes, in the same order) passed them before: they read nothing but the
    documents."""
    keys = [d.key for d in docs if d.key is not None]
    whole = len(keys) == len(docs)  # every document came through the cache's reader
    set_key = cache.key("\n".join(["references", *keys]).encode()) if whole else None
    if set_key is not None and cache.get(set_key) is True:
        return []
    problems = check()
    if set_key is not None and not problems:
        cache.put(set_key, True)
    return problems


@dataclass(frozen=True)
class Counts:
    """Regulations, provisions, duties and actors, as a loaded :class:`PolicySet` counts them."""

    regulations: int = 0
    provisions: int = 0
    duties: int = 0
    actors: int = 0


@dataclass(frozen=True)
class Counted:
    """One document of a valid policy set: what it holds, and which of the paths given to
    :func:`validate` it was found under (their positions in `paths`; none: shipped only)."""

    kind: str
    id: str
    provisions: int
    duties: int
    actors: int
    under: frozenset[int] = frozenset()


@dataclass(frozen=True)
class Summary:
    """What :func:`validate` counts of a valid policy set (as a loaded :class:`PolicySet` has them):
    the whole set's counts, and each of its documents counted, with the paths it lies under, so
    that a caller can say what the paths it was given hold (:meth:`within`) apart from what was
    loaded with them."""

    regulations: int
    provisions: int
    duties: int
    actors: int
    documents: tuple[Counted, ...] = ()

    @property
    def counts(self) -> Counts:
        """The whole set's counts."""
        return Counts(self.regulations, self.provisions, self.duties, self.actors)

    def within(self, paths: Iterable[int]) -> Counts:
        """What the given paths (positions in `validate`'s `paths`) hold together: each document
        found under one of them counted once, however many of them reach it."""
        wanted = frozenset(paths)
        return _count([d for d in self.documents if d.under & wanted])


def _count(documents: Sequence[Counted]) -> Counts:
    regs = [d for d in documents if d.kind == "regulation"]
    return Counts(
        len(regs),
        sum(d.provisions for d in regs),
        sum(d.duties for d in regs),
        sum(d.actors for d in documents),
    )


def validate(
    paths: Sequence[str | os.PathLike[str]] = (),
    *,
    include_shipped: bool = True,
    exclude: Exclude | None = None,
    skipped: list[Skipped] | None = None,
    use_cache: bool | None = None,
) -> Summary:
    """Validate what :func:`load` would load, and report the same problems, holding one document
    at a time: each is read, validated, reduced to the facts the checks that join documents need
    (:func:`responsibility.policy.references.facts_of`) and its source text checked, then dropped.
    A document those checks must see again (a name that does not resolve; a quote of another
    regulation) is read again from its file. Raises :class:`PolicyError` as :func:`load` does;
    returns the counts of the set, and of each document with the `paths` it was found under (a
    file that is also shipped, such as a checkout's ``policies/wuyi``, is under the path named).
    """
    roots: list[tuple[Path, bool]] = []
    if include_shipped:
        roots.append((shipped_root(), True))
    roots += [(Path(p), False) for p in paths]
    collecting = gc.isenabled()
    gc.disable()  # as in load(): no garbage cycles are made, and the collector's passes cost
    try:
        use = cache.enabled() if use_cache is None else use_cache
        return _validate(roots, exclude, skipped, use, first_path=int(include_shipped))
    finally:
        if collecting:
            gc.enable()


@dataclass
class _Seen:
    """One validated document, once dropped: its facts, its source-text findings and its counts."""

    facts: Facts
    source: list[Finding]
    provisions: int
    duties: int
    actors: int

    @property
    def kind(self) -> str:
        return self.facts.kind

    @property
    def id(self) -> str:
        return self.facts.id


def _validate(
    roots: list[tuple[Path, bool]],
    exclude: Exclude | None,
    skipped: list[Skipped] | None,
    use_cache: bool,
    first_path: int = 0,
) -> Summary:
    """See :func:`validate`; `first_path` is the position in `roots` of the first path given."""
    problems: list[Finding] = []
    seen: list[tuple[_Doc, _Seen]] = []
    strings: dict[str, str] = {}  # ids shared between the facts of all documents
    hold = [HOLD_BUDGET]  # the bytes of files whose documents may still be held
    under: dict[Path, set[int]] = {}
    for doc, obj in _validated(roots, exclude, skipped, use_cache, problems, model.Shared, under=under):
        src = SourceInfo(doc.display, doc.marks)
        facts = facts_of(src, obj, _fetch(doc, obj, hold), strings)
        source = check_source(src, obj, doc.file) if isinstance(obj, Regulation) else []
        entries = list(provision_paths(obj)) if isinstance(obj, Regulation) else []
        seen.append(
            (doc, _Seen(facts, source, len(entries), len(facts.duties), len(getattr(obj, "actors", []))))
        )
    kept = _override(seen)
    try:
        problems += _references([d for d, _ in kept], lambda: check_facts([s.facts for _, s in kept]))
    except PolicyError as exc:  # a file changed while it was being validated
        problems += exc.diagnostics
    problems += [p for _, s in kept for p in s.source]
    if problems:
        raise PolicyError(problems)
    # The set is valid, so its ids are unique: the counts are those a loaded PolicySet has.
    documents = tuple(
        Counted(
            s.kind,
            s.id,
            s.provisions,
            s.duties,
            s.actors,
            frozenset(n - first_path for n in under.get(doc.file, ())),
        )
        for doc, s in kept
    )
    whole = _count(documents)
    return Summary(whole.regulations, whole.provisions, whole.duties, whole.actors, documents)


def _fetch(doc: _Doc, obj: Document, hold: list[int]) -> Callable[[], Document]:
    """How the joined checks get `doc`'s document back: held, while the budget lasts, else read
    again from its file."""
    if doc.size <= hold[0]:
        hold[0] -= doc.size
        return lambda: obj
    return functools.partial(_read_again, doc)


def _digest(doc: _Doc | None) -> bytes | None:
    return doc.marks.digest if doc is not None and isinstance(doc.marks, LazyMarks) else None


def _read_again(doc: _Doc) -> Document:
    """The document of a file validated before and dropped, read and validated again; a file whose
    bytes have changed since is a finding (what was checked is no longer what is there)."""
    again = read_document(doc.file, doc.shipped, use_cache=doc.key is not None)
    obj = None if again is None else _parse(again, model.Shared())
    if obj is None or _digest(again) != _digest(doc):
        raise PolicyError(
            [
                E009.finding(
                    Location(doc.display, 1, 1),
                    "changed while it was being validated",
                    hint="validate again once the file is no longer being written",
                )
            ]
        )
    return obj


def load_shipped() -> PolicySet:
    """The policies shipped with the package."""
    return load()
