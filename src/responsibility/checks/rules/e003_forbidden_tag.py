"""A YAML tag outside the core schema (`!!python/object`, `!include`, …).

## What it checks
That the file uses only plain YAML values: strings, numbers, booleans, dates, lists, mappings.

## Why
Tags can make a YAML reader build arbitrary objects or read other files; policy files are data
and never need them.

## Example
```yaml
text: !include article9.txt
```

## Fix
```yaml
text: 省级党委和政府对本地区脱贫攻坚工作负总责……
```
"""

from responsibility.core import codes

RULE = codes.E003
