# Shared by bench/run.sh and bench/scale.sh (sourced, not run): messages, the corpus files, the
# tools, the build, and small numeric helpers. Messages start with "$BENCH_NAME: ".

die() {
    echo "${BENCH_NAME:-bench}: $*" >&2
    exit 2
}
note() { echo "${BENCH_NAME:-bench}: $*" >&2; }

# corpus_files DEFAULT_DIR INPUT...: sets the array `files` to the .jsonl / .jsonl.gz files of the
# inputs (files, or folders holding them; DEFAULT_DIR when there are none), as absolute paths.
# Without inputs and without DEFAULT_DIR it says the run is skipped and exits 0.
corpus_files() {
    local default=$1 input f
    shift
    local inputs=("$@")
    if ((${#inputs[@]} == 0)); then
        if [[ ! -d $default ]]; then
            note "skipped: no corpus at $default (pass files or folders to use others)" 2>&1
            exit 0
        fi
        inputs=("$default")
    fi
    files=()
    for input in "${inputs[@]}"; do
        if [[ -d $input ]]; then
            while IFS= read -r -d '' f; do files+=("$f"); done < <(
                find "$input" -maxdepth 1 -type f \( -name '*.jsonl.gz' -o -name '*.jsonl' \) -print0 | sort -z
            )
        elif [[ -f $input ]]; then
            files+=("$input")
        else
            die "$input: no such file or folder"
        fi
    done
    ((${#files[@]})) || die "no .jsonl or .jsonl.gz files in ${inputs[*]}"
    for f in "${!files[@]}"; do files[f]=$(realpath "${files[f]}"); done
}

# install_tools: GNU time (apt-get, as root) and rg (cargo install) when missing.
install_tools() {
    if [[ ! -x /usr/bin/time ]] && command -v apt-get >/dev/null && ((EUID == 0)); then
        note "installing GNU time (apt-get install -y time)"
        apt-get install -y time >/dev/null 2>&1 || (apt-get update >/dev/null 2>&1 && apt-get install -y time >/dev/null 2>&1) || true
    fi
    if ! command -v rg >/dev/null; then
        note "rg not found; installing ripgrep (cargo install ripgrep)"
        cargo install ripgrep >&2
        export PATH="${CARGO_HOME:-$HOME/.cargo}/bin:$PATH"
    fi
}

# build_release ROOT: the release binary and the examples.
build_release() {
    note "building (cargo build --release --examples, cargo build --release)"
    (cd "$1" && cargo build --release --examples --quiet && cargo build --release --quiet)
}

# words STRING: splits a shell-quoted string into words (quotes honoured, nothing expanded),
# NUL-separated on stdout.
words() { printf '%s' "$1" | xargs printf '%s\0'; }
calc() { awk "BEGIN { $1 }"; }
# number OPTION VALUE: dies unless VALUE is a positive whole number.
number() { [[ ${2:-} =~ ^[1-9][0-9]*$ ]] || die "$1 needs a positive number"; }
json_key() { grep -o "\"$2\": *[0-9]*" "$1" | head -n 1 | grep -o '[0-9]*$' || echo 0; }
# median / p95 (nearest rank) of the numbers on stdin, one per line.
median() { sort -g | awk '{v[NR] = $1} END {if (NR == 0) print "nan"; else if (NR % 2) print v[(NR + 1) / 2]; else printf "%.3f\n", (v[NR / 2] + v[NR / 2 + 1]) / 2}'; }
p95() { sort -g | awk '{v[NR] = $1} END {i = int(NR * 0.95); if (i < NR * 0.95) i++; if (i < 1) i = 1; print (NR ? v[i] : "nan")}'; }
