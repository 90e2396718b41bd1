"""Which settings govern each path, and the rules they bring: each configuration
file is loaded once; team rule folders and the deny list join the catalog."""

from __future__ import annotations

import os
from collections.abc import Iterable, Sequence
from pathlib import Path

from restorelint.catalog.load import CatalogError
from restorelint.catalog.rules import Rule, default_rules, load_rules, rule_by_id
from restorelint.catalog.selectors import known_selector
from restorelint.match.check_modules import load_check
from restorelint.records import Finding
from restorelint.settings.apply import DENY_RULE_ID, apply_settings
from restorelint.settings.files import load_config, own_config
from restorelint.settings.model import Overrides, Settings


class Resolver:
    """Which settings govern each path; loads each configuration file once."""

    def __init__(
        self,
        config: Path | None = None,
        isolated: bool = False,
        overrides: Overrides | None = None,
    ) -> None:
        self.overrides = overrides or Overrides()
        self.fixed: Settings | None = None
        if isolated:
            self.fixed = self.overrides.apply(Settings())
        elif config is not None:
            self.fixed = self.overrides.apply(load_config(config))
        self._by_file: dict[Path | None, Settings] = {}
        self._by_folder: dict[Path, Settings] = {}
        self.team_ids: dict[Path, frozenset[str]] = {}

    @classmethod
    def of(cls, settings: Settings) -> Resolver:
        """Every path governed by these settings (rule examples, the API)."""
        resolver = cls(isolated=True)
        resolver.fixed = settings
        return resolver

    def settings_for(self, path: Path | str, is_dir: bool = False) -> Settings:
        absolute = Path(os.path.abspath(path))
        folder = absolute if is_dir else absolute.parent
        if self.fixed is not None:
            return self.fixed
        if folder not in self._by_folder:
            # The nearest configuration, looked for once per folder: a folder with
            # none of its own has its parent's (a deep tree is not walked up again
            # from every folder in it).
            chain = []
            current = folder
            found = None
            while current not in self._by_folder:
                chain.append(current)
                found = own_config(current)
                if found is not None or current.parent == current:
                    break
                current = current.parent
            if current in self._by_folder and found is None:
                settings = self._by_folder[current]
            else:
                if found not in self._by_file:
                    base = load_config(found) if found is not None else Settings()
                    self._by_file[found] = self.overrides.apply(base)
                settings = self._by_file[found]
            for item in chain:
                self._by_folder[item] = settings
        return self._by_folder[folder]

    def skip(self, path: Path, is_dir: bool = False, walked: bool = False) -> bool:
        """Is this file or folder excluded by the settings of the folder it is in?
        ``walked``: found by a walk that did not enter an excluded folder above it."""
        absolute = Path(os.path.abspath(path))
        settings = self.settings_for(absolute.parent, is_dir=True)
        return settings.is_excluded(absolute, is_dir, ancestors=not walked)

    def used(self) -> list[Settings]:
        seen = [self.fixed] if self.fixed is not None else list(self._by_file.values())
        return list(dict.fromkeys(seen))

    def rules(self) -> list[Rule]:
        """The built-in catalog, every team folder named by the settings used, and the
        deny rule fed with their words; a team rule may not reuse an id."""
        rules = list(default_rules())
        owner = {r.id: r.source for r in rules}
        for settings in self.used():
            for folder in settings.extend_rules:
                if folder in self.team_ids:
                    continue
                team = load_rules([folder], untrusted=True)
                for rule in team:
                    if rule.kind == "python" and rule.check is not None:
                        load_check(rule.check, rule.source)  # one clear line, not a crash later
                for rule in team:
                    if rule.id in owner:
                        raise CatalogError(
                            rule.source, "id", f"id {rule.id} is already used by {owner[rule.id]}"
                        )
                    owner[rule.id] = rule.source
                self.team_ids[folder] = frozenset(r.id for r in team)
                rules.extend(team)
        words = sorted({w.lower() for s in self.used() for w in s.deny})
        if words:
            rules.append(rule_by_id(DENY_RULE_ID).with_patterns(words))
        return rules

    def warnings(self, rules: Sequence[Rule]) -> list[str]:
        """Selectors (in select, ignore, severity, per-file-ignores) that match no rule,
        named by the file (or the flag) that wrote them."""
        out: list[str] = []
        flags = {"select": self.overrides.select, "ignore": self.overrides.ignore}
        written = [(f"command line: --{k}", v) for k, v in flags.items() if v is not None]
        for settings in self.used():
            for layer in settings.chain():
                for key, selectors in _own_selectors(layer):
                    if flags.get(key) is None:
                        written.append((f"{layer.path or 'defaults'}: {layer.key(key)}", selectors))
        for where, selectors in written:
            for selector in selectors:
                if not known_selector(selector, rules):
                    out.append(f"{where}: no rule matches '{selector}'")
        return list(dict.fromkeys(out))

    def apply(self, findings: Iterable[Finding]) -> list[Finding]:
        """The settings stage: each finding under the settings of its own file."""
        all_team = frozenset().union(*self.team_ids.values()) if self.team_ids else frozenset()
        out = []
        for finding in findings:
            settings = self.settings_for(finding.path)
            own = frozenset().union(
                *(self.team_ids.get(f, frozenset()) for f in settings.extend_rules)
            )
            if finding.rule in all_team and finding.rule not in own:
                continue  # a team rule of another folder's configuration
            kept = apply_settings(finding, settings)
            if kept is not None:
                out.append(kept)
        return out

    def tone_threshold(self) -> float | None:
        """The lowest tone threshold any configuration asks for: the engine flags at it,
        and each file's own threshold is applied with its settings."""
        chosen = [s.tone_threshold for s in self.used() if s.tone_threshold is not None]
        return min(chosen) if chosen else None

    def fail_on_for(self, path: str) -> str:
        return self.settings_for(path).fail_on

    def reports_unused(self, path: str) -> bool:
        return self.settings_for(path).report_unused_suppressions


def _own_selectors(settings: Settings) -> Iterable[tuple[str, Sequence[str]]]:
    """The selectors a configuration file writes itself (not those it extends)."""
    inherited = settings.extends.severity if settings.extends is not None else ()
    if "select" in settings.own:
        yield "select", settings.select
    if "ignore" in settings.own:
        yield "ignore", settings.ignore
    yield "severity", [k for k, v in settings.severity if (k, v) not in inherited]
    for glob, selectors in settings.per_file_ignores:
        yield f'per-file-ignores."{glob}"', selectors
