# tests/vm/vm.mk - builds the VM isolation test programs into
# $(BUILD)/tests/vm/<name>.elf ($(VM_TEST_ELFS)): walker.elf, a guest that
# reads and writes everything it can reach (physical and virtual) and
# counts the magic words of another VM it sees, and checker.elf, a guest
# that fills its RAM with those magic words and re-verifies them.  Run
# together under the monitor, neither may see the other.
# Included by the top-level Makefile, which defines BUILD, GUEST_CC,
# GUEST_CFLAGS, GUEST_LDFLAGS and DEPS_OK.
#
# A program <name> is tests/vm/<name>.c plus any tests/vm/<name>-*.S,
# with the shared tests/vm/vmlib.c, linked with the runtime of guest/lib.

include guest/lib/lib.mk

VM_TESTS      := walker checker
VM_TEST_DIR   := tests/vm
VM_TEST_OUT   := $(BUILD)/tests/vm
VM_TEST_ELFS  := $(VM_TESTS:%=$(VM_TEST_OUT)/%.elf)
VM_TEST_HDRS  := $(GUEST_LIB_HDRS) $(wildcard $(VM_TEST_DIR)/*.h)
VM_TEST_CFLAGS := $(GUEST_LIB_CFLAGS) -I$(VM_TEST_DIR)

# Objects of program $(1): <name>.o, one per <name>-*.S, and vmlib.o.
vm_test_objs = $(patsubst $(VM_TEST_DIR)/%,$(VM_TEST_OUT)/%.o,\
    $(basename $(wildcard $(VM_TEST_DIR)/$(1).c $(VM_TEST_DIR)/$(1)-*.S))) \
    $(VM_TEST_OUT)/vmlib.o

define VM_TEST_RULE
$(VM_TEST_OUT)/$(1).elf: $(call vm_test_objs,$(1)) $(GUEST_LIB_OBJS) $(GUEST_LIB_LDSCRIPT)
	$$(GUEST_CC) $$(GUEST_LDFLAGS) -T $$(GUEST_LIB_LDSCRIPT) $$(GUEST_LIB_OBJS) \
	    $(call vm_test_objs,$(1)) $$(GUEST_LIB_LIBS) -o $$@
endef
$(foreach t,$(VM_TESTS),$(eval $(call VM_TEST_RULE,$(t))))

$(VM_TEST_OUT)/%.o: $(VM_TEST_DIR)/%.c $(VM_TEST_HDRS) $(VM_TEST_DIR)/vm.mk | $(DEPS_OK)
	@mkdir -p $(dir $@)
	$(GUEST_CC) $(GUEST_CFLAGS) $(VM_TEST_CFLAGS) -c $< -o $@

$(VM_TEST_OUT)/%.o: $(VM_TEST_DIR)/%.S $(VM_TEST_HDRS) $(VM_TEST_DIR)/vm.mk | $(DEPS_OK)
	@mkdir -p $(dir $@)
	$(GUEST_CC) $(GUEST_CFLAGS) $(VM_TEST_CFLAGS) -c $< -o $@

.PHONY: vm-tests
vm-tests: $(VM_TEST_ELFS)

# Built by `make check` (a prerequisite added here, so the Makefile's own
# check rule stays as it is).
check: $(VM_TEST_ELFS)
