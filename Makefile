# Makefile - builds disco (build/disco), its boot ROM, the guest programs
# and the tests.  `make` builds; `make check` runs every test; `make demo`
# boots the demo guest; `make linux-demo` boots Debian's Linux to a shell,
# `make linux-vms` four of them under the monitor;
# `make bench` measures; `make sanitize` runs the
# guest tests under AddressSanitizer + UndefinedBehaviorSanitizer.
# Targets that need packages (cross compiler, Check, qemu) first run
# tools/setup-deps, which installs what is missing from Debian.

CC       ?= cc
OPT      ?= -O2
CFLAGS   ?= $(OPT) -g
CFLAGS   += -std=c11 -Wall -Wextra -D_GNU_SOURCE -Isrc -MMD -MP -pthread
LDLIBS   += -lm -pthread
# The debugger shell's line editing (src/dbg_shell.c): libedit (Debian's
# libedit-dev), or GNU readline with `make READLINE=1`.
ifeq ($(READLINE),1)
EDIT_FLAGS := -DDISCO_READLINE
LDLIBS     += -lreadline
else
EDIT_FLAGS := -DDISCO_EDITLINE
LDLIBS     += -ledit
endif
BUILD    ?= build
CROSS    ?= mipsel-linux-gnu-

# Guest code: bare-metal, little-endian MIPS32r2, no PIC, no libc.
GUEST_CC      := $(CROSS)gcc
GUEST_CFLAGS  := -march=24kc -EL -O2 -G0 -mno-abicalls -fno-pic -ffreestanding \
                 -fno-builtin -nostdlib -msoft-float -Wall -Wextra
GUEST_LDFLAGS := -nostdlib -static -Wl,--build-id=none -EL

SRCS     := $(sort $(shell find src -name '*.c'))
OBJS     := $(SRCS:%.c=$(BUILD)/%.o)
LIB_OBJS := $(filter-out $(BUILD)/src/main.o,$(OBJS))
DISCO    := $(BUILD)/disco
DEPS_OK  := $(BUILD)/.deps-ok
# A static mipsel Linux program (guest/linux/tlbstress; built below)
LINUX_TLBSTRESS := $(BUILD)/guest/linux/tlbstress

.PHONY: all check demo bench sanitize clean deps unit-tests guest-tests
.DEFAULT_GOAL := all

all: $(DISCO)

# ---- dependencies (cross toolchain, Check, ...) ---------------------------
$(DEPS_OK): tools/setup-deps
	@mkdir -p $(BUILD)
	@tools/setup-deps build
	@touch $@
deps: $(DEPS_OK)

# ---- the emulator ----------------------------------------------------------
$(BUILD)/src/%.o: src/%.c | $(DEPS_OK)
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS) -c $< -o $@
# Only the shell sees the line-editing choice; it is rebuilt when it changes.
$(BUILD)/src/dbg_shell.o: CFLAGS += $(EDIT_FLAGS)
$(BUILD)/src/dbg_shell.o: $(BUILD)/.edit-$(if $(filter 1,$(READLINE)),readline,editline)
$(BUILD)/.edit-%:
	@mkdir -p $(BUILD)
	@rm -f $(BUILD)/.edit-*
	@touch $@

# The boot ROM is assembled from roms/*.S with the cross toolchain and
# linked into disco as data.
ROM_NAMES := malta-boot
ROM_BINS  := $(ROM_NAMES:%=$(BUILD)/roms/%.bin)
$(BUILD)/roms/%.o: roms/%.S src/dev/malta-boot.h | $(DEPS_OK)
	@mkdir -p $(dir $@)
	$(GUEST_CC) $(GUEST_CFLAGS) -Isrc -c $< -o $@
$(BUILD)/roms/%.elf: $(BUILD)/roms/%.o roms/rom.ld
	$(GUEST_CC) $(GUEST_LDFLAGS) -T roms/rom.ld $< -o $@
$(BUILD)/roms/%.bin: $(BUILD)/roms/%.elf
	$(CROSS)objcopy -O binary $< $@
$(BUILD)/roms/blob.S: Makefile
	@mkdir -p $(dir $@)
	@{ echo '.section .rodata'; \
	   for r in $(ROM_NAMES); do n=$$(echo $$r | tr - _); \
	     echo ".global disco_rom_$$n, disco_rom_$${n}_end"; \
	     echo ".balign 16"; echo "disco_rom_$$n:"; \
	     echo ".incbin \"$(BUILD)/roms/$$r.bin\""; echo "disco_rom_$${n}_end:"; done; \
	   echo '.section .note.GNU-stack,"",@progbits'; } > $@
$(BUILD)/roms/blob.o: $(BUILD)/roms/blob.S $(ROM_BINS)
	$(CC) -c $< -o $@

$(DISCO): $(OBJS) $(BUILD)/roms/blob.o
	$(CC) $(CFLAGS) $(LDFLAGS) $^ -o $@ $(LDLIBS)

# ---- guest programs and tests ---------------------------------------------
include tests/guest/guest.mk
include tests/vm/vm.mk
include guest/guest.mk
-include guest/os/os.mk

# Small programs for the command-line tests (tests/run-cli-tests).
CLI_NAMES     := hello spin hang uhi-exit reboot selfmod fuzz echo smp
CLI_TEST_ELFS := $(CLI_NAMES:%=$(BUILD)/tests/cli/%.elf) $(BUILD)/tests/cli/hello-high.elf
$(BUILD)/tests/cli/%.elf: tests/cli/%.S | $(DEPS_OK)
	@mkdir -p $(dir $@)
	$(GUEST_CC) $(GUEST_CFLAGS) -Isrc $(GUEST_LDFLAGS) -Wl,-Ttext=0x80100000 -Wl,-e,__start $< -o $@
# The same program linked above the 64 MB of RAM it is run with.
$(BUILD)/tests/cli/hello-high.elf: tests/cli/hello.S | $(DEPS_OK)
	@mkdir -p $(dir $@)
	$(GUEST_CC) $(GUEST_CFLAGS) $(GUEST_LDFLAGS) -Wl,-Ttext=0x84000000 -Wl,-e,__start $< -o $@

UNIT_SRCS := $(sort $(wildcard tests/unit/*.c))
UNIT_BIN  := $(BUILD)/tests/unit-tests
$(UNIT_BIN): $(UNIT_SRCS) $(LIB_OBJS) $(BUILD)/roms/blob.o | $(DEPS_OK)
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS) -Itests/unit $(UNIT_SRCS) $(LIB_OBJS) $(BUILD)/roms/blob.o -o $@ \
	    $$(pkg-config --cflags --libs check) $(LDLIBS)

unit-tests: $(UNIT_BIN)

# Every instruction form, for the disassembler test.
$(BUILD)/tests/disas-coverage.o: tests/disas-coverage.S | $(DEPS_OK)
	@mkdir -p $(dir $@)
	$(GUEST_CC) -march=24kc -EL -c $< -o $@

# Host tool for the disassembler test: prints disco's disassembly of words.
$(BUILD)/tests/disas-dump: tests/disas-dump.c $(BUILD)/src/cpu/disas.o
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS) $^ -o $@ $(LDLIBS)

check: $(DISCO) $(UNIT_BIN) $(GUEST_TEST_ELFS) $(GUEST_ELFS) $(CLI_TEST_ELFS) $(OS_ELFS) \
       $(BUILD)/tests/disas-dump $(BUILD)/tests/disas-coverage.o $(BUILD)/roms/malta-boot.elf \
       $(LINUX_TLBSTRESS)
	@tools/setup-deps test
	@tests/run-all $(BUILD)

# ---- demo, benchmark, sanitizers -------------------------------------------
demo: $(DISCO) $(GUEST_ELFS)
	$(DISCO) -M malta -m 64 -kernel $(BUILD)/guest/demo.elf -nographic -no-reboot

# The compute loop on disco, QEMU and gxemul, then (--linux) Debian's
# kernel booted to power-off on disco and QEMU, then (--monitor) Linux
# workloads on disco natively and inside one VM under the monitor.
bench: $(DISCO) $(GUEST_ELFS)
	@tools/setup-deps bench
	@tools/bench --linux --monitor $(BENCH_FLAGS) $(BUILD)

# ---- Debian's Linux (guest/linux/README.md) --------------------------------
# The kernel and busybox are Debian's (tools/fetch-debian-guest, cached in
# $(DEBIAN)); the initramfs images are built from guest/linux/.  make check
# (tests/run-linux-tests) and tools/bench --linux fetch and build these
# themselves, and skip Linux when the kernel cannot be fetched.
DEBIAN       ?= $(or $(DISCO_DEBIAN_CACHE),build/debian)
LINUX_INPUTS := guest/linux/init $(wildcard guest/linux/scripts/*) \
                tools/mklinux-initrd tools/mkinitramfs
.PHONY: linux-demo linux-images
$(DEBIAN)/VERSION:
	tools/fetch-debian-guest --cache $(DEBIAN)
$(BUILD)/linux/shell.gz: $(LINUX_INPUTS) $(DEBIAN)/VERSION
	tools/mklinux-initrd --cache $(DEBIAN) $@
$(BUILD)/linux/test.gz: $(LINUX_INPUTS) $(DEBIAN)/VERSION
	tools/mklinux-initrd --cache $(DEBIAN) --script workload --script dmesg-check $@
# tlbstress (guest/linux/tlbstress/tlbstress.c): a static mipsel Linux
# program, linked with Debian's cross glibc (libc6-dev-mipsel-cross), put in
# its own image as /bin/tlbstress and run by guest/linux/scripts/tlbstress.sh.
$(LINUX_TLBSTRESS): guest/linux/tlbstress/tlbstress.c | $(DEPS_OK)
	@mkdir -p $(dir $@)
	$(CROSS)gcc -static -O2 -Wall -Wextra $< -o $@
$(BUILD)/linux/tlbstress.gz: $(LINUX_INPUTS) $(DEBIAN)/VERSION $(LINUX_TLBSTRESS)
	@rm -rf $(BUILD)/linux/overlay-tlbstress
	@mkdir -p $(BUILD)/linux/overlay-tlbstress/bin
	cp $(LINUX_TLBSTRESS) $(BUILD)/linux/overlay-tlbstress/bin/tlbstress
	tools/mklinux-initrd --cache $(DEBIAN) --script tlbstress \
	    --overlay $(BUILD)/linux/overlay-tlbstress $@
linux-images: $(BUILD)/linux/shell.gz $(BUILD)/linux/test.gz $(BUILD)/linux/tlbstress.gz

# The TLB stress test booted once (disco.tlbstress=N on the kernel command
# line sets its rounds: LINUX_APPEND="disco.tlbstress=10"); it ends with
# "tlbstress: OK <checksum>" and powers off.
.PHONY: linux-tlbstress
linux-tlbstress: $(DISCO) $(BUILD)/linux/tlbstress.gz
	$(DISCO) -M malta -m 256 -kernel $(DEBIAN)/vmlinuz -initrd $(BUILD)/linux/tlbstress.gz \
	    -append "console=ttyS0 $(LINUX_APPEND)" -nographic -no-reboot \
	    -rtc base=2026-01-01T00:00:00 --stats

# Linux to an interactive busybox shell: `exit` powers off, Ctrl-A x quits.
linux-demo: $(DISCO) $(BUILD)/linux/shell.gz
	$(DISCO) -M malta -m 256 -kernel $(DEBIAN)/vmlinuz -initrd $(BUILD)/linux/shell.gz \
	    -append "console=ttyS0" -nographic

# Four Linux VMs under the monitor on two physical CPUs, sharing the
# terminal (docs/monitor.md): Ctrl-A 0..3 picks the VM you type into;
# the statistics report comes when the last one powers off.
.PHONY: linux-vms
linux-vms: $(DISCO) $(BUILD)/linux/shell.gz
	$(DISCO) --vms 4 -smp 2 -M malta -m 256 -kernel $(DEBIAN)/vmlinuz \
	    -initrd $(BUILD)/linux/shell.gz -append "console=ttyS0" -nographic --stats

sanitize:
	$(MAKE) BUILD=build-asan OPT="-O1 -fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=undefined" \
	    LDFLAGS="-fsanitize=address,undefined" check

clean:
	rm -rf $(BUILD) build-asan

-include $(OBJS:.o=.d)
