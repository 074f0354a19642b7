import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
for p in (ROOT / "scripts", ROOT / "tests"):
    if str(p) not in sys.path:
        sys.path.insert(0, str(p))

# Subprocesses (mkdocs, the converter, the newsarchive command) import this
# checkout's sources, whatever checkout the shared .venv was installed from.
os.environ["PYTHONPATH"] = os.pathsep.join([str(ROOT / "scripts")] + [
    p for p in os.environ.get("PYTHONPATH", "").split(os.pathsep) if p and p != str(ROOT / "scripts")])
