"""The file is not valid UTF-8.

## What it checks
That the bytes of the file decode as UTF-8. The finding points at the first byte that does not.
A file saved as UTF-16 or UTF-32 (Windows Notepad's "Unicode") is named as such, at its byte
order mark or its first NUL byte; in a policy folder it is reported rather than passed over, since
its `kind:` cannot be read.

## Why
Regulations are quoted verbatim; a file saved as GBK or GB18030 would turn every quote into
mojibake when read elsewhere.

## Example
A file saved from an editor in GBK: `第九条` becomes the bytes `b5 da be c5 cc f5`.

## Fix
Re-save the file as UTF-8 (without changing any character), e.g.
`iconv -f GB18030 -t UTF-8 rule.yaml > rule.utf8.yaml`.
"""

from responsibility.core import codes

RULE = codes.E005
