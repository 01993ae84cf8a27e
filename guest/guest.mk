# guest/guest.mk - builds the guest programs people run by hand: the demo
# (`make demo`, the README's tour of the machine) and the benchmark
# (`make bench`, tools/bench).  Included by the top-level Makefile, which
# defines BUILD, GUEST_CC, GUEST_CFLAGS, GUEST_LDFLAGS and DEPS_OK.
#
# Each program <p> is guest/<p>/*.c and *.S linked with the shared
# bare-metal runtime of guest/lib (guest/lib/lib.mk) into
# $(BUILD)/guest/<p>.elf.  The benchmark's default number of passes is
# BENCH_N in guest/bench/bench.c; at run time -append "n=..." changes it.

include guest/lib/lib.mk

GUEST_PROGRAMS := demo bench
GUEST_ELFS     := $(GUEST_PROGRAMS:%=$(BUILD)/guest/%.elf)

GUEST_PROG_CFLAGS := $(GUEST_LIB_CFLAGS)

# Objects of program $(1): one per guest/$(1)/*.c and *.S.
guest_prog_objs = $(patsubst guest/%,$(BUILD)/guest/%.o,\
    $(basename $(sort $(wildcard guest/$(1)/*.c guest/$(1)/*.S))))

define GUEST_PROG_RULE
$(BUILD)/guest/$(1).elf: $(call guest_prog_objs,$(1)) $(GUEST_LIB_OBJS) $(GUEST_LIB_LDSCRIPT)
	$$(GUEST_CC) $$(GUEST_LDFLAGS) -T $$(GUEST_LIB_LDSCRIPT) $$(GUEST_LIB_OBJS) \
	    $(call guest_prog_objs,$(1)) $$(GUEST_LIB_LIBS) -o $$@

$(BUILD)/guest/$(1)/%.o: guest/$(1)/%.c $(GUEST_LIB_HDRS) $(wildcard guest/$(1)/*.h) | $(DEPS_OK)
	@mkdir -p $$(dir $$@)
	$$(GUEST_CC) $$(GUEST_CFLAGS) $$(GUEST_PROG_CFLAGS) -c $$< -o $$@

$(BUILD)/guest/$(1)/%.o: guest/$(1)/%.S $(GUEST_LIB_HDRS) $(wildcard guest/$(1)/*.h) | $(DEPS_OK)
	@mkdir -p $$(dir $$@)
	$$(GUEST_CC) $$(GUEST_CFLAGS) $$(GUEST_PROG_CFLAGS) -c $$< -o $$@
endef
$(foreach p,$(GUEST_PROGRAMS),$(eval $(call GUEST_PROG_RULE,$(p))))

guest-programs: $(GUEST_ELFS)
.PHONY: guest-programs
