#!/bin/sh
# suite.sh: the faults a build machine meets. Builds killed (kill -9) at 20
# random moments of a clean and of an incremental build, two and three
# builds at once into one output, SIGINT and SIGTERM, staging folders the
# program did not make, a stale previous tree that cannot be removed, a full
# disk, a truncated or emptied output file, an output inside the content, a
# mount point, the current folder or a link as the output, and the files a
# deployment keeps in the output: after each, the next build's tree equals a
# clean build's (diff -r, the manifest included: it records no times).
# What needs root (a small tmpfs, a mount namespace) is skipped without it.
set -u
: "${NB:?}" "${NB_ROOT:?}"
. "$NB_ROOT/tests/lib.sh"
suite_begin faults
cd "$work" || exit 1
D="--date 2026-11-27"
same_tree() { diff -r "$1" "$2" >"$work/diff" 2>&1; }
b() { "$NB" build $D "$@"; }
# in the background: the build itself, so that $! is its process
bb() { exec "$NB" build $D "$@"; }

# a small county with every kind of output (a town of two villages), and
# the clean trees of its two versions: A, and B with another hotline
cp -R "$NB_ROOT/tests/invalid/_base" c
b -C c -o refA >/dev/null 2>&1
cp -R c cB
sed -i 's/^hotline: .*/hotline: 0914-7654321/' cB/site.yaml
b -C cB -o refB >/dev/null 2>&1
[ -f refA/site/index.html ] && ! same_tree refA refB || { fail setup; exit 0; }
cp -R c cA
use() { rm -rf c; cp -R "c$1" c; }
debris() { ls -a | grep -q "^\.$1\.\(new\|old\)$"; }

# ---- kill -9 at 20 random moments ----
# the moments differ from run to run; FAULT_SEED repeats a run's
seed=${FAULT_SEED:-$(date +%s)}
echo "faults: kill moments from FAULT_SEED=$seed"
start=$(date +%s%N)
b -C c -o timing --force >/dev/null 2>&1
span=$(( ($(date +%s%N) - start) / 1000000 ))
killed() {
	# name, then what makes the output and content ready for the kill
	name=$1 i=0 bad=0 mid=0
	while [ $i -lt 20 ]; do
		i=$((i + 1))
		eval "$2"
		bb -C c -o out >/dev/null 2>&1 &
		pid=$!
		sleep "$(awk -v s=$((seed + i * 7919 + ${#name})) -v span=$span \
		    'BEGIN{srand(s); printf "%.3f", rand()*span/1000}')"
		kill -9 $pid 2>/dev/null
		wait $pid 2>/dev/null
		debris out && mid=$((mid + 1))
		b -C c -o out >"$work/log" 2>&1 || { bad=$((bad + 1)); cp "$work/log" "$work/bad"; continue; }
		same_tree "$ref" out || { bad=$((bad + 1)); cp "$work/diff" "$work/bad"; }
		debris out && { bad=$((bad + 1)); echo debris >"$work/bad"; }
	done
	[ $bad -eq 0 ] && pass "kill-9-$name-20-times-next-build-clean ($mid mid-build)" \
	    || fail "kill-9-$name ($bad of 20 wrong)" "$work/bad"
}
# a clean build: no output yet
killed clean 'use A; rm -rf out; ref=refA'
# an incremental one: the output of A, the content now B (or back)
n=0
killed incremental 'n=$((n + 1)); if [ $((n % 2)) -eq 1 ]; then use A; rm -rf out; cp -R refA out; use B; ref=refB; else use B; rm -rf out; cp -R refB out; use A; ref=refA; fi'
use A

# ---- two and three builds at once into one output ----
for count in 2 3; do
	for start in empty built; do
		rm -rf out; [ $start = built ] && cp -R refB out
		k=0; pids=
		while [ $k -lt $count ]; do
			k=$((k + 1))
			bb -C c -o out --force >"$work/par$k" 2>&1 &
			pids="$pids $!"
		done
		st=0
		for p in $pids; do wait $p || st=1; done
		if [ $st -eq 0 ] && same_tree refA out && ! debris out; then
			pass "$count-builds-at-once-into-$start-output"
		else
			cat "$work"/par* >"$work/all"; cat "$work/diff" >>"$work/all"
			fail "$count-builds-at-once-into-$start-output" "$work/all"
		fi
	done
done
grep -q 'another build is writing into' "$work"/par* \
    && pass second-build-says-it-waits || fail second-build-says-it-waits "$work/par2"
# --no-wait: refused at once, exit 3, the tree as it was
bb -C c -o out --force >/dev/null 2>&1 &
pid=$!
while ! debris out && kill -0 $pid 2>/dev/null; do sleep 0.01; done
b -C c -o out --no-wait >"$work/log" 2>&1
st=$?
wait $pid
[ $st -eq 3 ] && grep -q "another build is writing into 'out'" "$work/log" && same_tree refA out \
    && pass no-wait-refuses-exit-3 || { echo "      status $st"; fail no-wait-refuses-exit-3 "$work/log"; }
# the Chinese message by default
bb -C c -o out --force >/dev/null 2>&1 &
pid=$!
while ! debris out && kill -0 $pid 2>/dev/null; do sleep 0.01; done
LANGUAGE= b -C c -o out --no-wait >"$work/log" 2>&1
wait $pid
grep -q '另一' "$work/log" && pass busy-message-translated || fail busy-message-translated "$work/log"

# ---- SIGINT and SIGTERM: the staging folder goes, exit 130 / 143 ----
for sig in INT TERM; do
	want=130; [ $sig = TERM ] && want=143
	rm -rf out; cp -R refB out
	bb -C c -o out --force >/dev/null 2>"$work/err" &
	pid=$!
	while ! debris out && kill -0 $pid 2>/dev/null; do sleep 0.01; done
	sleep 0.2
	kill -$sig $pid
	wait $pid
	st=$?
	if [ $st -eq $want ] && ! debris out && same_tree refB out && grep -q interrupted "$work/err"; then
		pass "sig$sig-exit-$want-staging-removed"
	else
		echo "      status $st"; ls -a | sed 's/^/      /'
		fail "sig$sig-exit-$want-staging-removed" "$work/err"
	fi
	b -C c -o out >/dev/null 2>&1 && same_tree refA out && pass "sig$sig-next-build-clean" \
	    || fail "sig$sig-next-build-clean" "$work/diff"
done
# a second signal ends the build at once (a job that never ends must not
# keep the clerk from stopping it): the first says so, the output is as it
# was, the staging folder stays until the next build removes it. Two
# different signals, sent one right after the other, do not merge into one.
rm -rf out; cp -R refB out
bb -C c -o out --force >/dev/null 2>"$work/err" &
pid=$!
while ! debris out && kill -0 $pid 2>/dev/null; do sleep 0.01; done
sleep 0.2
kill -TERM $pid; kill -INT $pid
wait $pid
st=$?
if { [ $st -eq 130 ] || [ $st -eq 143 ]; } && debris out && same_tree refB out \
    && grep -q 'Ctrl-C again' "$work/err" && ! grep -q interrupted "$work/err"; then
	pass second-signal-stops-at-once
else
	echo "      status $st"; ls -a | sed 's/^/      /'
	fail second-signal-stops-at-once "$work/err"
fi
b -C c -o out >/dev/null 2>&1 && ! debris out && same_tree refA out \
    && pass second-signal-next-build-clean || fail second-signal-next-build-clean "$work/diff"
# a build waiting for the lock is interrupted too: the lock is held here
# (flock, as a build holds it) for as long as the case needs, where a
# build holding it might end first (the county builds in 0.3 s)
rm -f held
flock .out.lock sh -c ': >held; while [ -f held ]; do sleep 0.05; done' &
holder=$!
while [ ! -f held ] && kill -0 $holder 2>/dev/null; do sleep 0.01; done
bb -C c -o out >/dev/null 2>&1 &
second=$!
sleep 0.3
kill -INT $second
wait $second
st=$?
rm -f held
wait $holder
[ $st -eq 130 ] && same_tree refA out && pass sigint-while-waiting-for-lock \
    || { echo "      status $st"; fail sigint-while-waiting-for-lock; }

# ---- staging folders the program did not make are not deleted ----
rm -rf out; cp -R refB out
mkdir .out.new; echo mine >.out.new/notes.txt
b -C c -o out >/dev/null 2>"$work/err"
st=$?
[ $st -ne 0 ] && [ -f .out.new/notes.txt ] && grep -q "'.out.new' is in the way" "$work/err" \
    && same_tree refB out && pass foreign-new-folder-kept-and-named || fail foreign-new-folder-kept-and-named "$work/err"
rm -rf .out.new
mkdir .out.old; echo mine >.out.old/notes.txt
b -C c -o out >/dev/null 2>"$work/err"
st=$?
[ $st -eq 0 ] && [ -f .out.old/notes.txt ] && grep -q "'.out.old' was not made by noticeboard" "$work/err" \
    && same_tree refA out && pass foreign-old-folder-kept-build-goes-on || fail foreign-old-folder-kept-build-goes-on "$work/err"
rm -rf .out.old
# a previous tree of ours that cannot be removed (a mount point inside
# it: EBUSY, as files of another user are to a build that is not root)
if [ "$(id -u)" = 0 ] && command -v unshare >/dev/null && command -v mount >/dev/null; then
	rm -rf out; cp -R refB out; cp -R refB .out.old; mkdir .out.old/stuck
	unshare -m sh -c "mount -t tmpfs none .out.old/stuck && \
	    '$NB' build $D -C c -o out && '$NB' build $D -C cB -o out && '$NB' build $D -C c -o out" \
	    >/dev/null 2>"$work/err"
	st=$?
	[ $st -eq 0 ] && same_tree refA out && grep -q "cannot remove '.out.old'" "$work/err" \
	    && ! ls -a | grep -q '^\.out\.new$' && pass stale-old-tree-named-builds-go-on \
	    || { echo "      status $st"; fail stale-old-tree-named-builds-go-on "$work/err"; }
	rm -rf .out.old
	b -C c -o out >/dev/null 2>&1 && same_tree refA out && ! debris out \
	    && pass stale-old-tree-cleared-when-removable || fail stale-old-tree-cleared-when-removable
else
	skip "stale-old-tree (needs root, unshare and mount)"
fi

# ---- a full disk: a tmpfs with room for one tree, not two ----
if [ "$(id -u)" = 0 ] && command -v unshare >/dev/null && command -v mount >/dev/null; then
	kb=$(du -sk refA | cut -f1)
	mkdir disk
	unshare -m sh -c "mount -t tmpfs -o size=$((kb * 3 / 2))k none disk && \
	    '$NB' build $D -C c -o disk/out >/dev/null 2>&1 && cp -R disk/out before && \
	    '$NB' build $D -C cB -o disk/out --force >/dev/null 2>'$work/err'; echo \$? >'$work/st'; \
	    diff -r before disk/out >'$work/diff' && echo intact >'$work/st2'; ls -a disk >'$work/ls'; \
	    mount -o remount,size=$((kb * 4))k disk && '$NB' build $D -C cB -o disk/out >/dev/null 2>&1 && \
	    cp -R disk/out after"
	[ "$(cat "$work/st")" = 3 ] && grep -q 'No space left on device' "$work/err" \
	    && pass full-disk-exit-3 || fail full-disk-exit-3 "$work/err"
	[ -f "$work/st2" ] && ! grep -q '\.out\.new' "$work/ls" && pass full-disk-tree-intact-no-debris \
	    || fail full-disk-tree-intact-no-debris "$work/diff"
	same_tree refB after && pass full-disk-next-build-clean || fail full-disk-next-build-clean "$work/diff"
	rm -rf before after disk
else
	skip "full-disk (needs root, unshare and mount)"
fi

# ---- damaged outputs are made again, not carried forward ----
rm -rf out; cp -R refA out
pdf=$(find out/posters -name '*.pdf' | head -1)
truncate -s 100 "$pdf"
: >out/site/index.html
b -C c -o out >"$work/log" 2>&1
same_tree refA out && ! grep -q ' 0 rendered' "$work/log" && pass truncated-and-emptied-outputs-rebuilt \
    || fail truncated-and-emptied-outputs-rebuilt "$work/diff"
# the same size, other bytes
printf 'X' | dd of=out/site/index.html bs=1 seek=10 conv=notrunc 2>/dev/null
b -C c -o out >/dev/null 2>&1
same_tree refA out && pass overwritten-output-rebuilt || fail overwritten-output-rebuilt "$work/diff"
# the manifest keeps each file's size and digest
awk -F'\t' 'NR > 1 && (NF - 2) % 3 != 0 { bad = 1 } END { exit bad }' out/.noticeboard/manifest \
    && grep -q "	site/index.html	[0-9][0-9]*	[0-9a-f]\{32\}" out/.noticeboard/manifest \
    && pass manifest-has-sizes-and-digests || fail manifest-has-sizes-and-digests out/.noticeboard/manifest

# ---- an unchanged build leaves the tree where it is, strays excepted ----
rm -rf out; cp -R refA out
b -C c -o out >/dev/null 2>&1
ino=$(stat -c %i out)
b -C c -o out >"$work/log" 2>&1
[ "$(stat -c %i out)" = "$ino" ] && grep -q ' 0 rendered' "$work/log" && same_tree refA out \
    && pass unchanged-build-leaves-the-tree || fail unchanged-build-leaves-the-tree "$work/log"
echo stray >out/site/stray.html
mkdir out/site/empty
b -C c -o out >/dev/null 2>&1
[ ! -e out/site/stray.html ] && [ ! -e out/site/empty ] && same_tree refA out \
    && pass unchanged-build-drops-strays || fail unchanged-build-drops-strays "$work/diff"

# ---- an output inside the content, or the content inside the output ----
cp -R c cin
for round in 1 2; do
	b -C cin -o cin/output >/dev/null 2>"$work/err"
	st=$?
	[ $st -eq 2 ] && grep -q 'inside the content folder' "$work/err" && [ ! -e cin/output ] \
	    && ! ls -a cin | grep -q '^\.output' && same_tree c cin \
	    && pass "output-inside-content-refused-build-$round" \
	    || { echo "      status $st"; fail "output-inside-content-refused-build-$round" "$work/err"; }
done
mkdir -p wrap && cp -R c wrap/c
b -C wrap/c -o wrap >/dev/null 2>"$work/err"
[ $? -eq 2 ] && [ -f wrap/c/site.yaml ] && grep -q 'lies inside the output' "$work/err" \
    && pass content-inside-output-refused || fail content-inside-output-refused "$work/err"

# ---- outputs that cannot be swapped whole, and a link ----
mkdir here
(cd here && "$NB" build $D -C ../c -o . >/dev/null 2>"$work/err")
[ $? -eq 2 ] && grep -q 'is the current folder' "$work/err" && dir_empty=$(ls -A here) && [ -z "$dir_empty" ] \
    && pass dot-output-refused-with-advice || fail dot-output-refused-with-advice "$work/err"
if [ "$(id -u)" = 0 ] && command -v unshare >/dev/null && command -v mount >/dev/null; then
	mkdir vol
	unshare -m sh -c "mount -t tmpfs none vol && '$NB' build $D -C c -o vol >/dev/null 2>'$work/err'; \
	    echo \$? >'$work/st'; '$NB' build $D -C c -o vol/output >/dev/null 2>&1 && cp -R vol/output volout"
	[ "$(cat "$work/st")" = 2 ] && grep -q 'mount point' "$work/err" && grep -q -- '-o vol/output' "$work/err" \
	    && pass mount-point-refused-before-rendering || fail mount-point-refused-before-rendering "$work/err"
	same_tree refA volout && pass mount-point-subfolder-builds || fail mount-point-subfolder-builds "$work/diff"
else
	skip "mount-point (needs root, unshare and mount)"
fi
rm -rf real link; cp -R refB real; ln -s real link
b -C c -o link >/dev/null 2>"$work/err"
[ -L link ] && same_tree refA real && ! debris real && ! debris link \
    && pass symlinked-output-followed || fail symlinked-output-followed "$work/err"
b -C cB -o link >/dev/null 2>&1
[ -L link ] && same_tree refB real && pass symlinked-output-rebuilt || fail symlinked-output-rebuilt "$work/diff"

# ---- what a deployment keeps in the output ----
rm -rf out; b -C c -o out >/dev/null 2>&1
printf '# kept by every build\nCNAME\n.git\nsite/keep.txt\n' >out/.noticeboard/keep
echo notices.example.org >out/CNAME
mkdir -p out/.git/refs && echo ref >out/.git/refs/main && echo x >out/.git/HEAD
echo webmaster >out/site/keep.txt
echo stray >out/stray.txt
echo mine >out/site/index.html.bak
b -C cB -o out --force >/dev/null 2>&1
b -C c -o out >/dev/null 2>&1
if [ "$(cat out/CNAME 2>/dev/null)" = notices.example.org ] && [ -f out/.git/refs/main ] \
    && [ -f out/.git/HEAD ] && [ -f out/site/keep.txt ] && [ ! -e out/stray.txt ] \
    && [ ! -e out/site/index.html.bak ] && [ -f out/.noticeboard/keep ]; then
	pass keep-file-patterns-carried-over
else
	ls -aR out | head -30 >"$work/ls"; fail keep-file-patterns-carried-over "$work/ls"
fi
rm -rf kept && cp -R out kept && rm -rf kept/CNAME kept/.git kept/site/keep.txt kept/.noticeboard/keep
same_tree refA kept && pass keep-rest-equals-clean || fail keep-rest-equals-clean "$work/diff"
# a pattern naming a file the build makes: the build's file wins
echo 'site/index.html' >>out/.noticeboard/keep
b -C cB -o out >/dev/null 2>&1
cmp -s out/site/index.html refB/site/index.html && pass keep-never-overrides-built-file \
    || fail keep-never-overrides-built-file
