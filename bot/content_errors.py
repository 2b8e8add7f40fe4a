"""The one error every loader of a staff-edited content file raises."""

from __future__ import annotations


class ContentError(Exception):
    """A content file is broken: one line naming the file, the entry, the field and why.

    `entry` is an entry's id, or its 1-based position when it has no usable id. The
    message reads like `faq.toml: entry "nib": answer.en: missing`.
    """

    def __init__(
        self,
        file: str,
        problem: str,
        *,
        entry: str | int | None = None,
        field: str | None = None,
    ) -> None:
        self.file = file
        self.problem = problem
        self.entry = entry
        self.field = field
        parts = [file]
        if isinstance(entry, int):
            parts.append(f"entry {entry}")
        elif entry is not None:
            parts.append(f'entry "{entry}"')
        if field:
            parts.append(field)
        parts.append(problem)
        super().__init__(": ".join(parts))
