"""Build hook: the tone model is built from the repository's own labelled data
when a wheel (or an editable install) is built, so it ships inside the wheel
without a binary model in git.

`training/train_tone.py --if-stale` trains it (fixed seed, a few seconds) unless
the model beside the package was already trained on exactly this data.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path
from typing import Any

from hatchling.builders.hooks.plugin.interface import BuildHookInterface

MODEL = Path("restorelint") / "models" / "tone.json"


class ToneModelHook(BuildHookInterface):  # type: ignore[type-arg]
    def initialize(self, version: str, build_data: dict[str, Any]) -> None:
        root = Path(self.root)
        script = root / "training" / "train_tone.py"
        subprocess.run([sys.executable, str(script), "--if-stale"], cwd=root, check=True)
        build_data["force_include"][str(root / MODEL)] = MODEL.as_posix()
