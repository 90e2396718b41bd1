"""Settings: the effective configuration for the documents under one folder, and the
command-line overrides laid over it."""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from pathlib import Path

from restorelint.settings.exclude import DEFAULT_EXCLUDE, gitignored, matches


@dataclass(frozen=True)
class Settings:
    """The effective configuration for the documents under one folder."""

    path: Path | None = None  # the file it was read from; None: the defaults
    table: str = ""  # where in that file ("tool.restorelint" in pyproject.toml)
    root: Path = field(default_factory=Path.cwd)  # globs are relative to this folder
    select: tuple[str, ...] = ()
    ignore: tuple[str, ...] = ()
    severity: tuple[tuple[str, str], ...] = ()
    per_file_ignores: tuple[tuple[str, tuple[str, ...]], ...] = ()
    exclude: tuple[str, ...] = DEFAULT_EXCLUDE
    extend_exclude: tuple[str, ...] = ()
    respect_gitignore: bool = True
    extend_rules: tuple[Path, ...] = ()
    allow: tuple[str, ...] = ()
    deny: tuple[str, ...] = ()
    fail_on: str = "info"
    report_unused_suppressions: bool = False
    # the tone model's threshold here (None: the one chosen on dev, in the model)
    tone_threshold: float | None = None

    @property
    def source(self) -> str:
        if self.path is None:
            return "defaults (no configuration file found)"
        return f"{self.path} [{self.table}]" if self.table else str(self.path)

    def key(self, name: str) -> str:
        return f"{self.table}.{name}" if self.table else name

    def is_excluded(self, path: Path, is_dir: bool = False) -> bool:
        if matches(path, self.root, self.exclude + self.extend_exclude, is_dir):
            return True
        return self.respect_gitignore and gitignored(path, is_dir)

    def ignored_for(self, path: Path) -> tuple[str, ...]:
        """``ignore`` plus the ``per-file-ignores`` whose glob matches ``path``."""
        extra = [sels for glob, sels in self.per_file_ignores if matches(path, self.root, [glob])]
        return self.ignore + tuple(s for group in extra for s in group)


@dataclass(frozen=True)
class Overrides:
    """Settings given on the command line; None leaves the file's value."""

    select: tuple[str, ...] | None = None
    ignore: tuple[str, ...] | None = None
    fail_on: str | None = None
    report_unused_suppressions: bool | None = None

    def apply(self, settings: Settings) -> Settings:
        changes = {k: v for k, v in vars(self).items() if v is not None}
        return replace(settings, **changes) if changes else settings
