"""A composite actor that is its own member, directly or through other composites.

## What it checks
The `members:` of every actor, as links from a composite to the bodies it is made of; an actor
listed among its own members, or a chain of composites that comes back to the first, is a
finding, placed at the member entry that leaves the loop's smallest actor id. The message names
the whole loop.

## Why
A composite (县级党委和政府) stands for its members: a duty it owns is owned by each of them.
Expanding a composite that contains itself never ends and names no body that actually holds the
duty. The loader refuses it.

## Example
```yaml
- id: county.party-committee-and-government
  kind: composite
  level: county
  members: [county.party-committee, county.party-committee-and-government]
```

## Fix
List the bodies that make the composite up, none of them the composite itself:
```yaml
  members: [county.party-committee, county.government]
```
"""

from responsibility.core import codes

RULE = codes.E028
