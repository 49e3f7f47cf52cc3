"""A reference to an id that does not exist (actor, place, artefact kind, topic, regulation, duty).

## What it checks
Every id a document names: owners and counterparties, issuers, jurisdiction, artefacts, topics,
`implements` (regulations and parent duties), `not_implemented`; composite actors need members
and concrete actors a role and a place. The hint names the nearest valid ids.

## Why
A duty owned by `county.goverment` is owned by nobody; an `implements` link to a parent duty
that was renamed no longer carries the parent out.

## Example
```yaml
owners:
- {actor: county.goverment}
implements: [central/art_19/project-pools]
```

## Fix
```yaml
owners:
- {actor: county.government}
implements: [central/art_19/project-pool]
```
"""

from responsibility.core import codes

RULE = codes.E021
