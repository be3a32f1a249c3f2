"""The build report: what a build did, and every warning and fallback with its reason.

Printed after the build and saved as `report.txt` beside the manifest.
"""

from __future__ import annotations

from dataclasses import dataclass, field

REPORT_NAME = "report.txt"


@dataclass
class BuildReport:
    slug: str
    warnings: list[str] = field(default_factory=list)
    lines: list[str] = field(default_factory=list)  # facts: sections, durations, levels

    def warn(self, message: str) -> None:
        if message not in self.warnings:
            self.warnings.append(message)

    def note(self, line: str) -> None:
        self.lines.append(line)

    def text(self) -> str:
        out = [f"reader build report: {self.slug}", *self.lines]
        if self.warnings:
            out.append(f"warnings ({len(self.warnings)}):")
            out += [f"  - {warning}" for warning in self.warnings]
        else:
            out.append("warnings: none")
        return "\n".join(out) + "\n"
