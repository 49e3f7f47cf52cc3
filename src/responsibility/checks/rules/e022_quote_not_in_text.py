"""A duty's `quote` is not a verbatim substring of its provision's text.

## What it checks
That each duty's quote occurs, character for character, in the text of the provision it sits in.

## Why
The quote is the duty's ground in the text: a reader (and an inspector) must be able to find the
words that create the duty. Retyped quotes drift — full-width and ASCII punctuation differ.

## Example
```yaml
text: 县级政府应当建立扶贫项目库,整合财政涉农资金
duties:
- id: project-pool
  quote: 县级政府应当建立扶贫项目库。
```

## Fix
Copy the words from the text:
```yaml
  quote: 县级政府应当建立扶贫项目库
```
"""

from responsibility.core import codes

RULE = codes.E022
