#!/usr/bin/env sh
# Prints the path of a Python >= 3.12 interpreter, or explains what is missing and fails.
for candidate in "${PYTHON:-}" python3.13 python3.12 python3.14 python3 python; do
    [ -n "$candidate" ] || continue
    path=$(command -v "$candidate" 2>/dev/null) || continue
    if "$path" -c 'import sys; sys.exit(0 if sys.version_info >= (3, 12) else 1)' 2>/dev/null; then
        echo "$path"
        exit 0
    fi
done
for root in "$HOME/.pyenv/versions" /usr/local/bin /opt/python; do
    for path in "$root"/3.1[2-9]*/bin/python3 "$root"/python3.1[2-9]; do
        if [ -x "$path" ] && "$path" -c 'import sys; sys.exit(0 if sys.version_info >= (3, 12) else 1)' 2>/dev/null; then
            echo "$path"
            exit 0
        fi
    done
done
echo "SocialCRM needs Python 3.12 or newer and none was found." >&2
echo "Install one (for example 'pyenv install 3.13' or your system's python3.13 package)," >&2
echo "or point PYTHON at it: make run PYTHON=/path/to/python3.13" >&2
exit 1
