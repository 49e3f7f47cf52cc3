"""The file is not well-formed YAML.

## What it checks
That the policy file parses as one YAML document. The finding points at the line and column
where the parser stopped.

## Why
Nothing else can be checked in a file that does not parse; an indentation slip in a long
regulation usually shows up here.

## Example
```yaml
provisions:
- id: art_9
  text: 省级党委和政府对本地区脱贫攻坚工作负总责
   duties: []          # indented one space too far
```

## Fix
```yaml
provisions:
- id: art_9
  text: 省级党委和政府对本地区脱贫攻坚工作负总责
  duties: []
```
"""

from responsibility.core import codes

RULE = codes.E001
