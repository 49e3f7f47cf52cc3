"""Start a repository for a county's (or any locality's) own implementing rule.

Writes, into DIR, a skeleton that validates at once (`check` on it exits 1, listing as C001 each
central duty of a county the rule does not carry out yet: the to-do list the tutorial works
through): the rule with its source text
(policies/ID/), a local catalogue for the bodies and places the library does not ship
(policies/catalogue/), the JSON Schemas its `$schema` lines point at (schema/),
responsibility.toml, a pre-commit configuration and a CI workflow: GitHub Actions by default,
GitLab CI with `--ci gitlab`, none with `--ci none` (any other CI runs the same two commands,
`responsibility validate policies` and `responsibility check policies`, whose exit status fails
the job). The workflow installs the tool from its git repository (give the URL with --git, or
edit the placeholder) or from a wheel checked in under vendor/: the package is not published on
PyPI. Every file is written, or none: files that exist with other content are named and nothing
is written (exit 2) unless --force. See docs/guide/tutorial.md."""

from __future__ import annotations

import argparse
import re
from pathlib import Path

from responsibility.cli.commands._common import resolve, write
from responsibility.core.safewrite import write_files_atomic
from responsibility.core.wording import plural
from responsibility.graph.export import dumps
from responsibility.policy.jsonschema import SCHEMAS, schema_for
from responsibility.policy.loader import load
from responsibility.policy.lookup import place_id
from responsibility.policy.model import SLUG

PARENTS: tuple[argparse.ArgumentParser, ...] = ()

# What the workflow installs when --git is not given: a URL that fails loudly until it is filled.
# A place name as printed, without what YAML would read as syntax (: { } [ ] , # and quotes).
NAME_CHARS = r"[^\s:{}\[\],#&*!|>'\"%@`]+"
GIT_PLACEHOLDER = "https://REPLACE-WITH-THE-GIT-URL-OF/responsibility.git"


def add_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("directory", metavar="DIR", help="the repository folder (created if missing)")
    p.add_argument("--id", default="county", help="the regulation's id, e.g. mouxian (default: county)")
    p.add_argument("--name", default="某某县", help="the place's Chinese name (default: 某某县)")
    p.add_argument(
        "--parent",
        default="cn",
        metavar="PLACE",
        help="the shipped place it lies in, by id or name (cn.hebei, 河北省; default: cn); "
        "see `responsibility places`",
    )
    p.add_argument(
        "--git",
        metavar="URL",
        help="git URL (optionally @tag) the CI workflow installs responsibility from "
        "(default: a placeholder to edit, or a wheel in vendor/)",
    )
    p.add_argument(
        "--ci",
        choices=tuple(CI_FILES),
        default="github",
        help="the CI workflow to write: GitHub Actions (default), GitLab CI, or none (another CI runs "
        "`responsibility validate policies` and `responsibility check policies`)",
    )
    p.add_argument("--force", action="store_true", help="overwrite files that exist with other content")


def run(args: argparse.Namespace) -> int:
    if not re.fullmatch(SLUG, args.id):
        raise ValueError(
            f"argument --id: {args.id!r} is not an id; use lower-case letters, digits and - (mouxian)"
        )
    if not re.fullmatch(NAME_CHARS, args.name):
        raise ValueError(f"argument --name: {args.name!r} is not a place name; give it as printed (某某县)")
    ps = load()
    if args.id in ps.regulations:
        raise ValueError(f"argument --id: {args.id!r} is a shipped regulation; choose another id")
    parent = resolve("--parent", place_id, ps, args.parent)
    root = Path(args.directory)
    files = skeleton(args.id, args.name, parent, args.git or GIT_PLACEHOLDER, args.ci)
    targets = {root / rel: text.encode("utf-8") for rel, text in files.items()}
    clash = [str(p) for p, data in targets.items() if p.exists() and (p.is_dir() or p.read_bytes() != data)]
    if clash and not args.force:
        raise ValueError(
            f"{plural(len(clash), 'file')} already there with other content: {', '.join(clash)}; "
            "nothing written; pass --force to overwrite them"
        )
    written = write_files_atomic(targets, args.force)
    for path in written:
        write(f"wrote {path}\n")
    write(f"next: cd {root} && responsibility validate policies && responsibility check policies\n")
    return 0


def skeleton(reg_id: str, name: str, parent: str, git_url: str, ci: str = "github") -> dict[str, str]:
    """The files of a new repository, by path relative to its root (with the CI file of `ci`)."""
    files = {
        f"policies/{reg_id}/{reg_id}.yaml": _rule(reg_id, name, parent),
        f"policies/{reg_id}/source.txt": _source(name),
        f"policies/catalogue/{reg_id}.yaml": _catalogue(reg_id, name, parent),
        "responsibility.toml": TOML,
        ".gitignore": "site/\n.responsibility_cache/\n",
        ".pre-commit-config.yaml": PRE_COMMIT,
    }
    path, template = CI_FILES[ci]
    if path is not None:
        files[path] = template.replace("@GIT_URL@", git_url)
    # The `$schema` lines point here, so editors resolve them outside the library's repository.
    for kind in sorted(SCHEMAS):
        files[f"schema/{kind}.schema.json"] = dumps(schema_for(kind))
    return files


def _title(name: str) -> str:
    return f"{name}脱贫攻坚责任制实施办法"


def _en(reg_id: str) -> str:
    """A placeholder English name from the id (mouxian → Mouxian); the user writes the real one."""
    return reg_id.replace("-", " ").replace("_", " ").replace(".", " ").title()


def _source(name: str) -> str:
    return f"{_title(name)}\n第一条 {PLACEHOLDER_TEXT}\n"


PLACEHOLDER_TEXT = "(此处粘贴第一条的原文。每条一行,与规则文件逐字一致。)"


def _rule(reg_id: str, name: str, parent: str) -> str:
    return f"""\
# yaml-language-server: $schema=../../schema/regulation.schema.json
# {name}'s implementing rule, encoded article by article. Each provision's label and text must
# reproduce source.txt; each duty quotes its article verbatim. See `responsibility rule E040`.
kind: regulation
id: {reg_id}
title: {{zh: {_title(name)}, en: {_en(reg_id)} implementing measures}}   # the title as printed
status: draft                 # in-force once issued
level: county
jurisdiction: {parent}.{reg_id}   # a place in ../catalogue/{reg_id}.yaml
implements: [central]         # the central measure, shipped with responsibility
source: source.txt
heading:
- {_title(name)}
provisions:
- id: art_1
  label: 第一条
  text: {PLACEHOLDER_TEXT}
  no_duty_reason: placeholder until the text is pasted in
"""


def _catalogue(reg_id: str, name: str, parent: str) -> str:
    return f"""\
# yaml-language-server: $schema=../../schema/catalogue.schema.json
# Places and bodies the library does not ship, for {name}'s rule. `responsibility places` and
# `responsibility actors` list those it does ship (roles such as county.government included).
kind: catalogue
id: {reg_id}-catalogue
places:
- {{id: {parent}.{reg_id}, name: {{zh: {name}, en: {_en(reg_id)}}}, level: county, parent: {parent}}}
actors:
- id: {reg_id}.county-committee
  name: {{zh: {name}委, en: {_en(reg_id)} Party Committee}}
  kind: concrete
  role: county.party-committee
  place: {parent}.{reg_id}
  level: county
- id: {reg_id}.county-government
  name: {{zh: {name}人民政府, en: {_en(reg_id)} People's Government}}
  kind: concrete
  role: county.government
  place: {parent}.{reg_id}
  level: county
"""


TOML = """\
# Configuration of `responsibility check` (see `responsibility rule` for every rule).
fail-on = "error"
# Reports may arrive this many days after their period ends before they count as late.
grace-days = 15
"""

PRE_COMMIT = """\
# Run the checker before each commit that touches the policies. It uses the `responsibility`
# installed in your environment (the CI file, .github/workflows/ or .gitlab-ci.yml, shows how to
# install it).
repos:
  - repo: local
    hooks:
      - id: responsibility-check
        name: responsibility check
        entry: responsibility check policies
        language: system
        pass_filenames: false
        files: ^policies/
"""

WORKFLOW = """\
# Validate and check the rule on every push and pull request.
# responsibility is not published on PyPI. The job installs it from a wheel checked in under
# vendor/ (build one with `pip wheel --no-deps -w vendor <checkout of responsibility>`) or, when
# there is none, from its git repository: set RESPONSIBILITY_GIT to its URL (pin a tag: …git@v1.0).
name: responsibility
on: [push, pull_request]
permissions:
  contents: read
env:
  RESPONSIBILITY_GIT: "@GIT_URL@"
  # Parsed policies and whole results, kept by content between runs (the step below): a run
  # re-reads only what changed. An entry is used only for the very bytes it was made from, so
  # restoring an old cache is always safe.
  RESPONSIBILITY_CACHE_DIR: .responsibility_cache
jobs:
  check:
    runs-on: ubuntu-latest
    steps:
      - uses: actions/checkout@v4
      - uses: actions/setup-python@v5
        with:
          python-version: "3.12"
      - uses: actions/cache@v4
        with:
          path: .responsibility_cache
          key: responsibility-${{ github.sha }}
          restore-keys: responsibility-
      - name: Install responsibility
        run: |
          if ls vendor/responsibility-*.whl >/dev/null 2>&1; then
            pip install vendor/responsibility-*.whl
          else
            pip install "responsibility @ git+${RESPONSIBILITY_GIT}"
          fi
      - name: Validate
        run: responsibility validate policies
      - name: Check (annotates the pull request)
        run: responsibility check policies --format github
"""

GITLAB_CI = """\
# Validate and check the rule on every push and merge request (GitLab CI).
# responsibility is not published on PyPI. The job installs it from a wheel checked in under
# vendor/ (build one with `pip wheel --no-deps -w vendor <checkout of responsibility>`) or, when
# there is none, from its git repository: set RESPONSIBILITY_GIT to its URL (pin a tag: …git@v1.0).
# The check's findings are a JUnit report, shown on the merge request.
variables:
  RESPONSIBILITY_GIT: "@GIT_URL@"
  # Parsed policies and whole results, kept by content between runs (cache: below): a run
  # re-reads only what changed. An entry is used only for the very bytes it was made from, so
  # restoring an old cache is always safe.
  RESPONSIBILITY_CACHE_DIR: .responsibility_cache
responsibility:
  image: python:3.12
  cache:
    key: responsibility
    paths:
      - .responsibility_cache/
  rules:
    - if: $CI_PIPELINE_SOURCE == "merge_request_event"
    - if: $CI_COMMIT_BRANCH
  script:
    - |
      if ls vendor/responsibility-*.whl >/dev/null 2>&1; then
        pip install vendor/responsibility-*.whl
      else
        pip install "responsibility @ git+${RESPONSIBILITY_GIT}"
      fi
    - responsibility validate policies
    - responsibility check policies --format junit > responsibility-junit.xml
  artifacts:
    when: always
    reports:
      junit: responsibility-junit.xml
"""

# The CI file each --ci choice writes: its path in the repository and its text (None: no file).
CI_FILES: dict[str, tuple[str | None, str]] = {
    "github": (".github/workflows/responsibility.yml", WORKFLOW),
    "gitlab": (".gitlab-ci.yml", GITLAB_CI),
    "none": (None, ""),
}
