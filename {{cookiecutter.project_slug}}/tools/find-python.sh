#!/bin/sh
# Print the path of a Python whose version matches the Lambda runtime, for `make install`.
# Looks at $PYTHON when it is set (it must match), then python<version> on PATH, then an
# interpreter uv manages, then one pyenv installed. Otherwise it says on one line of
# stderr which Python the project needs and how to get it, and fails.
set -u
want="$1"

version_of() {
    "$1" -c 'import sys; print("%d.%d" % sys.version_info[:2])' 2>/dev/null
}

if [ -n "${PYTHON:-}" ]; then
    found="$(version_of "$PYTHON")"
    if [ "$found" = "$want" ]; then
        command -v "$PYTHON"
        exit 0
    fi
    echo "make install: PYTHON=$PYTHON is ${found:+Python }${found:-not a working Python}; this project runs on Lambda's python$want, so it needs Python $want." >&2
    exit 1
fi

if [ "$(version_of "python$want")" = "$want" ]; then
    command -v "python$want"
    exit 0
fi

if command -v uv >/dev/null 2>&1; then
    found="$(uv python find --system "$want" 2>/dev/null)"
    if [ -n "$found" ] && [ "$(version_of "$found")" = "$want" ]; then
        echo "$found"
        exit 0
    fi
fi

if command -v pyenv >/dev/null 2>&1; then
    for candidate in "$(pyenv root)/versions/$want".*/bin/"python$want"; do
        if [ "$(version_of "$candidate")" = "$want" ]; then
            echo "$candidate"
            exit 0
        fi
    done
fi

echo "make install: this project needs Python $want (Lambda's python$want) and found none on PATH, through uv or in pyenv: install it (uv python install $want, pyenv install $want or python.org) or run make install PYTHON=/path/to/python$want." >&2
exit 1
