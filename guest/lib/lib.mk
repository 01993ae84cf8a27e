# guest/lib/lib.mk - builds the bare-metal guest runtime (start-up code,
# console, exception vectors, check helpers) into $(BUILD)/guest/lib/.
# Included by tests/guest/guest.mk (and by any other makefile that links
# guest programs; the guard makes a second include harmless).  Uses
# GUEST_CC, GUEST_CFLAGS and DEPS_OK from the top-level Makefile.
#
# A program links with:
#   $(GUEST_CC) $(GUEST_LDFLAGS) -T $(GUEST_LIB_LDSCRIPT) \
#       $(GUEST_LIB_OBJS) <its objects> $(GUEST_LIB_LIBS) -o prog.elf

ifndef GUEST_LIB_MK
GUEST_LIB_MK := 1

GUEST_LIB_DIR      := guest/lib
GUEST_LIB_SRCS     := start.S vectors.S console.c exc.c runtime.c check.c
GUEST_LIB_OBJS     := $(addprefix $(BUILD)/guest/lib/,$(addsuffix .o,$(basename $(GUEST_LIB_SRCS))))
GUEST_LIB_HDRS     := $(wildcard $(GUEST_LIB_DIR)/*.h)
GUEST_LIB_LDSCRIPT := $(GUEST_LIB_DIR)/guest.ld
GUEST_LIB_LIBS     := -lgcc
GUEST_LIB_CFLAGS   := -I$(GUEST_LIB_DIR)

$(BUILD)/guest/lib/%.o: $(GUEST_LIB_DIR)/%.c $(GUEST_LIB_HDRS) | $(DEPS_OK)
	@mkdir -p $(dir $@)
	$(GUEST_CC) $(GUEST_CFLAGS) $(GUEST_LIB_CFLAGS) -c $< -o $@

$(BUILD)/guest/lib/%.o: $(GUEST_LIB_DIR)/%.S $(GUEST_LIB_HDRS) | $(DEPS_OK)
	@mkdir -p $(dir $@)
	$(GUEST_CC) $(GUEST_CFLAGS) $(GUEST_LIB_CFLAGS) -c $< -o $@

endif
