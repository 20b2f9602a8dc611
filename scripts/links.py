"""The help centre's published links: check that none broke, or publish the new ones.

  check    Build the site and fail, naming each one, if a published URL or #section no longer works
           and no redirect or section alias (data/redirects.yml) keeps it working.
  publish  Build the site and add its URLs and #sections to data/published-links.txt (never removes).
           Run it after adding an article or a section, and commit the file.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import yaml  # noqa: E402

from macros import links  # noqa: E402
from macros.data import DataError  # noqa: E402

DATA = ROOT / "data"
MANIFEST = DATA / links.MANIFEST_FILE


def build(site_dir: Path) -> None:
    """The strict build a writer runs; it stops on a broken published link itself."""
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "DISABLE_MKDOCS_2_WARNING": "true"}
    result = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "--quiet", "--site-dir",
                             str(site_dir)], cwd=ROOT, env=env, capture_output=True, text=True)
    if result.returncode != 0:
        sys.exit(f"the site does not build:\n{result.stderr.strip()}")


def read_index(site_dir: Path) -> dict:
    return json.loads((site_dir / links.INDEX_JSON).read_text(encoding="utf-8"))


def default_language() -> str:
    config = yaml.load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"), Loader=yaml.BaseLoader)
    i18n = next(plugin["i18n"] for plugin in config["plugins"] if isinstance(plugin, dict) and "i18n" in plugin)
    return next(lang["locale"] for lang in i18n["languages"] if lang.get("default") == "true")


def check(site_dir: Path) -> int:
    """Fail naming each published link that no longer works, and how to keep it working."""
    try:
        manifest = links.read_manifest(MANIFEST)
        problems = links.broken_links(manifest, read_index(site_dir), links.load_redirects(DATA), default_language())
    except DataError as error:
        print(error, file=sys.stderr)
        return 1
    for problem in problems:
        print(f"data/{links.MANIFEST_FILE}: {problem}", file=sys.stderr)
    if problems:
        return 1
    print(f"all {len(manifest)} published links still work")
    return 0


def publish(site_dir: Path) -> int:
    """Add this build's URLs and #sections to the manifest; existing lines are kept."""
    known = set(links.read_manifest(MANIFEST))
    new = links.published_entries(read_index(site_dir)) - known
    links.write_manifest(MANIFEST, known | new)
    print(f"data/{links.MANIFEST_FILE}: {len(new)} new links published, {len(known | new)} in all")
    for entry in sorted(new):
        print(f"  + {entry}")
    return 0


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("verb", choices=("check", "publish"))
    parser.add_argument("--site", type=Path, help="read an existing build instead of building the site")
    args = parser.parse_args()
    verb = check if args.verb == "check" else publish
    if args.site:
        return verb(args.site)
    with tempfile.TemporaryDirectory() as site_dir:
        build(Path(site_dir))
        return verb(Path(site_dir))


if __name__ == "__main__":
    sys.exit(main())
