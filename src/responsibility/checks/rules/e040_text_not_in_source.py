"""A provision's text (or a heading, label or division title) differs from the regulation's source.

## What it checks
For a regulation that names its `source:` text file, that its heading lines, division labels and
titles, provision labels and provision texts, in printed order, reproduce the source exactly,
ignoring only whitespace and line breaks (sources often run articles together on one line). For a
reported practice (`status: practice`) each heading line and provision text must be an excerpt of
the source, in the source's order. The finding points at the first character that differs, at
its line and column in the YAML, and quotes the source around it with the source's line number.

## Why
The text is the authority. Every duty is grounded in a quote of its provision, so a provision
that no longer matches the document as issued grounds duties in words nobody wrote. An edited
article, a character lost when copying, or an article left out is caught here, in CI, rather
than by a reader comparing the two by hand.

## Example
```yaml
source: source.txt        # …第九条 省级党委和政府对本地区脱贫攻坚工作负总责…
divisions:
- provisions:
  - id: art_9
    label: 第九条
    text: 省级党委和政府对本地区脱贫工作负总责
```

## Fix
Copy the words from the source file; only whitespace may differ:
```yaml
    text: 省级党委和政府对本地区脱贫攻坚工作负总责
```
If the source itself is wrong, replace it with the document as received, never with the encoding.
"""

from responsibility.core import codes

RULE = codes.E040
