# tests/guest/guest.mk - builds the self-checking guest test programs, one
# ELF each, into $(BUILD)/tests/guest/<name>.elf ($(GUEST_TEST_ELFS)).
# Included by the top-level Makefile, which defines BUILD, GUEST_CC,
# GUEST_CFLAGS, GUEST_LDFLAGS and DEPS_OK; tests/run-guest-tests runs the
# ELFs on disco and on QEMU.
#
# A test <name> is tests/guest/<name>.c plus any tests/guest/<name>-*.S
# (assembly where exact instruction placement matters), linked with the
# runtime of guest/lib.  Tests listed in GUEST_TESTS_SEMIHOSTING use UHI
# semihosting: their link also writes <name>.semihosting next to the ELF,
# which tells the runner to give QEMU -semihosting.

include guest/lib/lib.mk

GUEST_TESTS := alu muldiv loadstore branch trap delayslot addrerr tlb \
               usermode timer cp0 eret uhi
GUEST_TESTS_SEMIHOSTING := uhi

GUEST_TEST_DIR  := tests/guest
GUEST_TEST_OUT  := $(BUILD)/tests/guest
GUEST_TEST_ELFS := $(GUEST_TESTS:%=$(GUEST_TEST_OUT)/%.elf)
GUEST_TEST_HDRS := $(GUEST_LIB_HDRS) $(wildcard $(GUEST_TEST_DIR)/*.h)
# Debian's assembler puts a SYNC before every LL (a Loongson 3 erratum
# workaround); the tests need each LL exactly where it is written.
GUEST_TEST_CFLAGS := $(GUEST_LIB_CFLAGS) -I$(GUEST_TEST_DIR) \
                     -Wa,-mno-fix-loongson3-llsc

# Objects of test $(1): <name>.o and one per <name>-*.S.
guest_test_objs = $(patsubst $(GUEST_TEST_DIR)/%,$(GUEST_TEST_OUT)/%.o,\
    $(basename $(wildcard $(GUEST_TEST_DIR)/$(1).c $(GUEST_TEST_DIR)/$(1)-*.S)))

define GUEST_TEST_RULE
$(GUEST_TEST_OUT)/$(1).elf: $(call guest_test_objs,$(1)) $(GUEST_LIB_OBJS) $(GUEST_LIB_LDSCRIPT)
	$$(GUEST_CC) $$(GUEST_LDFLAGS) -T $$(GUEST_LIB_LDSCRIPT) $$(GUEST_LIB_OBJS) \
	    $(call guest_test_objs,$(1)) $$(GUEST_LIB_LIBS) -o $$@
	$(if $(filter $(1),$(GUEST_TESTS_SEMIHOSTING)),@touch $(GUEST_TEST_OUT)/$(1).semihosting,@rm -f $(GUEST_TEST_OUT)/$(1).semihosting)
endef
$(foreach t,$(GUEST_TESTS),$(eval $(call GUEST_TEST_RULE,$(t))))

$(GUEST_TEST_OUT)/%.o: $(GUEST_TEST_DIR)/%.c $(GUEST_TEST_HDRS) $(GUEST_TEST_DIR)/guest.mk | $(DEPS_OK)
	@mkdir -p $(dir $@)
	$(GUEST_CC) $(GUEST_CFLAGS) $(GUEST_TEST_CFLAGS) -c $< -o $@

$(GUEST_TEST_OUT)/%.o: $(GUEST_TEST_DIR)/%.S $(GUEST_TEST_HDRS) $(GUEST_TEST_DIR)/guest.mk | $(DEPS_OK)
	@mkdir -p $(dir $@)
	$(GUEST_CC) $(GUEST_CFLAGS) $(GUEST_TEST_CFLAGS) -c $< -o $@

guest-tests: $(GUEST_TEST_ELFS)
