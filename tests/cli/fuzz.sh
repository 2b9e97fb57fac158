# A short pass of the libFuzzer harnesses (make fuzz runs them longer), and every input a
# fuzzer ever crashed on, kept in tests/fuzz/regressions/<target>/.
. "$(dirname "$0")/../lib.sh"
top="$TESTS_DIR/.."
command -v clang >/dev/null || fail "clang is missing; run scripts/install-deps"
make -s -C "$top" fuzz-build >"$T/build.log" 2>&1 || fail "building the fuzzers: $(tail -20 "$T/build.log")"
for target in card board args; do
	for input in "$top/tests/fuzz/regressions/$target"/*; do
		[ -f "$input" ] || continue
		"$top/build-fuzz/fuzz_$target" "$input" >"$T/reg.log" 2>&1 ||
			fail "regression $(basename "$input") crashes fuzz_$target: $(tail -20 "$T/reg.log")"
	done
done
make -s -C "$top" fuzz FUZZ_SECONDS="${FUZZ_SECONDS:-5}" >"$T/fuzz.log" 2>&1 ||
	fail "a fuzzer found a crash: $(tail -40 "$T/fuzz.log")"
echo ok
