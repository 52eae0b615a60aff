# libFuzzer harnesses for the core's parsers (RFC 3542 work).
# Included from tests/Makefile.am; not part of `make check`.
#
#   make fuzz          build each harness, fuzz each for FUZZ_SECONDS
#   make fuzz-replay   build, run each over its seed corpus and then
#                      FUZZ_RUNS generated inputs with a fixed seed (CI)
#
# Each harness is compiled with clang -fsanitize=fuzzer,address,undefined
# together with every core source, so coverage guides the fuzzer through
# the core too.  New inputs go to fuzz/work/NAME in the build tree; the
# seed corpus in the source tree is only read.
FUZZ_CC = clang
FUZZ_SECONDS = 30
FUZZ_RUNS = 20000
FUZZ_TARGETS = fuzz_cmsg fuzz_rthdr fuzz_opt fuzz_decoders fuzz_batch fuzz_addr \
	fuzz_icmpext
FUZZ_CFLAGS = -std=gnu11 -g -O1 -Wall -Wextra \
	-fsanitize=fuzzer,address,undefined -fno-sanitize-recover=all \
	-DHAVE_CONFIG_H -DXAPI_BUILDING -I$(top_builddir) -I$(top_srcdir)/core

EXTRA_DIST += fuzz/fuzz.mk fuzz/make_corpus.py fuzz/corpus \
	fuzz/fuzz_cmsg.c fuzz/fuzz_rthdr.c fuzz/fuzz_opt.c fuzz/fuzz_decoders.c fuzz/fuzz_batch.c \
	fuzz/fuzz_addr.c fuzz/fuzz_icmpext.c

fuzz-build:
	@command -v $(FUZZ_CC) >/dev/null || \
	  { echo "fuzz: $(FUZZ_CC) not found (needs clang with libFuzzer)"; exit 1; }
	@mkdir -p fuzz/bin
	@set -e; for t in $(FUZZ_TARGETS); do \
	  echo "  FUZZCC   fuzz/bin/$$t"; \
	  $(FUZZ_CC) $(FUZZ_CFLAGS) -o fuzz/bin/$$t $(srcdir)/fuzz/$$t.c \
	    $(top_srcdir)/core/*.c; \
	done

fuzz: fuzz-build
	@set -e; for t in $(FUZZ_TARGETS); do \
	  mkdir -p fuzz/work/$$t; \
	  echo "  FUZZ     $$t for $(FUZZ_SECONDS)s"; \
	  fuzz/bin/$$t -max_total_time=$(FUZZ_SECONDS) -print_final_stats=1 \
	    -artifact_prefix=fuzz/work/$$t- fuzz/work/$$t \
	    $(srcdir)/fuzz/corpus/$$t; \
	done

fuzz-replay: fuzz-build
	@set -e; for t in $(FUZZ_TARGETS); do \
	  mkdir -p fuzz/work/$$t; \
	  echo "  REPLAY   $$t: corpus, then $(FUZZ_RUNS) runs"; \
	  fuzz/bin/$$t -runs=$(FUZZ_RUNS) -seed=1 \
	    -artifact_prefix=fuzz/work/$$t- fuzz/work/$$t \
	    $(srcdir)/fuzz/corpus/$$t 2>fuzz/work/$$t.log || \
	    { tail -40 fuzz/work/$$t.log; exit 1; }; \
	  grep -E '^(#[0-9]+ *DONE|Done)' fuzz/work/$$t.log | tail -1; \
	done

fuzz-clean:
	rm -rf fuzz/bin fuzz/work

clean-local: fuzz-clean

.PHONY: fuzz fuzz-build fuzz-replay fuzz-clean
