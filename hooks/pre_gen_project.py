"""Reject answers the generated project could not deploy with, before any file is written.

The answers arrive as JSON data rendered by cookiecutter, never as code. The rules
live in ``lambda_starter.answer_rules`` in the template checkout, which is shared
with the questionnaire and the tests.
"""

import json
import sys
from pathlib import Path

ANSWERS = json.loads({{cookiecutter | tojson | tojson}})
# The answers as given, before cookiecutter rendered them.
GIVEN = json.loads({{_cookiecutter | tojson | tojson}})


def main() -> int:
    repo_dir = Path(ANSWERS["_repo_dir"])
    sys.path.insert(0, str(repo_dir))
    from lambda_starter.answer_rules import check_answers, check_raw_answers

    defaults = json.loads((repo_dir / "cookiecutter.json").read_text(encoding="utf-8"))
    errors = check_raw_answers(GIVEN, defaults) or check_answers(ANSWERS)
    for error in errors:
        print(f"ERROR: {error}", file=sys.stderr)
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main())
