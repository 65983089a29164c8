"""Reject answers the generated project could not deploy with, before any file is written.

The answers arrive as JSON data rendered by cookiecutter, never as code. The rules
live in ``lambda_starter.answer_rules``, shared with the questionnaire and the tests;
the Jinja extension says where that package and the template are (a checkout, or the
copy inside an installed package).

Cookiecutter runs this file from a copy rendered into the temporary folder and
never deletes it; that copy holds every answer, so the hook removes it first.
"""

import json
import sys
from pathlib import Path

PACKAGE_DIR = Path({{lambda_starter_dir() | tojson}})
TEMPLATE_DIR = Path({{template_dir() | tojson}})
ANSWERS = json.loads({{cookiecutter | tojson | tojson}})
# The answers as given, before cookiecutter rendered them (empty under cruft).
GIVEN = json.loads({{given_answers() | tojson | tojson}})


def main() -> int:
    sys.path.insert(0, str(PACKAGE_DIR.parent))
    from lambda_starter.answer_rules import check_answers, check_raw_answers

    template = TEMPLATE_DIR / "cookiecutter.json"
    defaults = json.loads(template.read_text(encoding="utf-8")) if GIVEN else {}
    errors = check_raw_answers(GIVEN, defaults) or check_answers(ANSWERS)
    for error in errors:
        print(f"ERROR: {error}", file=sys.stderr)
    return 1 if errors else 0


if __name__ == "__main__":
    Path(__file__).unlink(missing_ok=True)
    sys.exit(main())
