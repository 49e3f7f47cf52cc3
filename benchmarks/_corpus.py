"""Generated corpora for benchmarks: copies of the shipped regulations under fresh ids."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import yaml

from responsibility.policy.loader import shipped_root


def regulation_files(root: Path) -> list[Path]:
    return sorted(p for p in root.rglob("*.yaml") if "\nkind: regulation" in p.read_text("utf-8"))


def replicate(dest: Path, copies: int) -> list[Path]:
    """Write the shipped catalogue and `copies` copies of every shipped regulation.

    The first copy is the original (so parents such as `central` resolve); in the others the
    regulation id and the ids of the regulation's own actors get a numeric suffix, so every copy is
    a valid, distinct regulation that still implements the original parents.
    """
    root = shipped_root()
    shutil.copytree(root / "catalogue", dest / "catalogue")
    written = sorted((dest / "catalogue").glob("*.yaml"))
    for src in regulation_files(root):
        text = src.read_text("utf-8")
        data = yaml.load(text, Loader=yaml.CSafeLoader)
        reg_id = data["id"]
        own_ids = [a["id"] for a in data.get("actors", [])]
        for k in range(copies):
            new = reg_id if k == 0 else f"{reg_id}-x{k}"
            body = re.sub(rf"^id: {re.escape(reg_id)}$", f"id: {new}", text, count=1, flags=re.M)
            for actor_id in own_ids if k else ():
                body = re.sub(rf"(?<![\w.-]){re.escape(actor_id)}(?![\w.-])", f"{actor_id}-x{k}", body)
            out = dest / new / src.name
            out.parent.mkdir(parents=True)
            out.write_text(body, "utf-8")
            written.append(out)
    return written
