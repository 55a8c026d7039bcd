# GNU make's main features: a small project of rules that run shell commands, rebuilt where a source changed.
# Times are given (touch -d) rather than left to the clock: after each make the script dates what make built (settle)
# and then "edits" a source by dating it later; what make writes gets the time of the write (the last line checks it).
LC_ALL=C; export LC_ALL
cd "$TMPDIR" || exit 9
run() { "$@"; echo "[$1 status $?]"; }
settle() { for f in $(find . -name '*.o' -o -name prog -o -name '*.sum' | sort); do touch -d "$1" "$f"; done; }
mkdir -p src lib
cat > Makefile <<'MAKEFILE'
# A program "linked" from objects "compiled" from sources: cat stands in for the compiler.
SOURCES := $(sort $(wildcard src/*.c))
OBJECTS := $(patsubst src/%.c,%.o,$(SOURCES))
GREETING ?= hello
export GREETING

.PHONY: all clean show fail
all: prog lib/lib.sum

prog: $(OBJECTS) config.h
	@echo "link $@ from $(words $^) inputs: $^"
	cat $(filter %.o,$^) > $@

%.o: src/%.c config.h
	@echo "compile $< -> $@ (newer: $?)"
	{ echo "/* $(GREETING) */"; cat $<; } > $@

config.h: | src
	@echo 'config.h is a source: this runs with -B only'

lib/lib.sum:
	$(MAKE) -C lib --no-print-directory

show:
	@echo 'sources: $(SOURCES)'
	@echo 'objects: $(OBJECTS)'
	@echo 'shell: $(shell echo from the shell | tr a-z A-Z)'
	@echo 'subst: $(subst .c,.C,$(notdir $(SOURCES))) $(addprefix x-,a b) $(if $(filter b.o,$(OBJECTS)),has-b,no-b)'
	@echo "greeting: $$GREETING"

fail:
	@echo before the failure
	false
	@echo never

clean:
	rm -f prog *.o lib/lib.sum
MAKEFILE
cat > lib/Makefile <<'MAKEFILE'
lib.sum: lib.txt
	@echo "sub-make in lib with GREETING=$$GREETING"
	wc -c < lib.txt > $@ && touch -d @$$(date +%s) $@
MAKEFILE
printf 'int a;\n' > src/a.c
printf 'int b;\n' > src/b.c
printf 'int c;\n' > src/c.c
printf '#define X 1\n' > config.h
printf 'library\n' > lib/lib.txt
touch -d '2001-01-01 00:00:00 UTC' src/*.c config.h lib/lib.txt
run make
cat prog
cat lib/lib.sum
settle '2001-06-01 00:00:00 UTC'
run make
# Nothing is out of date; -q says so by its status.
run make -q
touch -d '2002-01-01 00:00:00 UTC' src/b.c
run make -q
run make -n
run make
settle '2002-06-01 00:00:00 UTC'
touch -d '2003-01-01 00:00:00 UTC' config.h
run make
settle '2003-06-01 00:00:00 UTC'
run make show
run make show GREETING=bonjour
GREETING=hi run make -B a.o
cat a.o
settle '2003-07-01 00:00:00 UTC'
run make fail
run make -k fail all
run make -i fail
run make nothing
printf 'all:\n\t@echo from standard input\n' | run make -f -
run make clean
ls -1
# Jobs in parallel: what they print comes in any order, what they make is the same.
echo '--- sorted'
run make -j2
echo '--- end'
cat prog
make --version | head -n 1
# A file written after it was dated is dated anew by the write.
printf 'a\n' > written && touch -d '2001-01-01 00:00:00 UTC' written && printf 'b\n' >> written
if [ "$(stat -c %Y written)" -gt 978307200 ]; then echo 'a write dates the file'; else echo 'a write leaves the time'; fi
