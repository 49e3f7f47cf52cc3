"""The file is not valid UTF-8.

## What it checks
That the bytes of the file decode as UTF-8. The finding points at the first byte that does not.
A file saved as UTF-16 or UTF-32 (Windows Notepad's "Unicode") is named as such, at its byte
order mark or its first NUL byte; in a policy folder it is reported rather than passed over, since
its `kind:` cannot be read. An Excel workbook given as facts (an `.xlsx`, which is a ZIP archive,
or an `.xls`) is named as one, at its start, with how to export it as CSV UTF-8; text that reads
as GBK/GB18030 (what Excel and Notepad save on Chinese Windows) is named so, at its first byte
that is not UTF-8.

## Why
Regulations are quoted verbatim; a file saved as GBK or GB18030 would turn every quote into
mojibake when read elsewhere.

## Example
A file saved from an editor in GBK: `第九条` becomes the bytes `b5 da be c5 cc f5`.

Given as `--facts`, a `personnel.csv` saved by Excel on Chinese Windows is
`personnel.csv:2:1: E005 invalid UTF-8 (byte 0xce): the file looks GBK/GB18030-encoded, as Excel
saves CSV on Chinese Windows`, and an `.xlsx` is `fiscal.xlsx:1:1: E005 not UTF-8: the file is an
Excel workbook (.xlsx) or another zipped file (signature 50 4B 03 04)`, with the fix
`export it as CSV UTF-8 (请在 Excel 中另存为「CSV UTF-8（逗号分隔）」)`.

## Fix
Re-save the file as UTF-8 (without changing any character), e.g.
`iconv -f GB18030 -t UTF-8 rule.yaml > rule.utf8.yaml`.
"""

from responsibility.core import codes

RULE = codes.E005
