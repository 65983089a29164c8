"""Reject answers the generated project could not deploy with, before any file is written.

The answers arrive as JSON data rendered by cookiecutter, never as code. The rules
live in ``lambda_starter.answer_rules`` in the template checkout, which is shared
with the questionnaire and the tests.
"""

import json
import sys

ANSWERS = json.loads({{cookiecutter | tojson | tojson}})


def main() -> int:
    sys.path.insert(0, ANSWERS["_repo_dir"])
    from lambda_starter.answer_rules import check_answers

    errors = check_answers(ANSWERS)
    for error in errors:
        print(f"ERROR: {error}", file=sys.stderr)
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main())
