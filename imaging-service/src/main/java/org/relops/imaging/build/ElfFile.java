package org.relops.imaging.build;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * What the dynamic loader reads of a 64-bit little-endian ELF file (x86-64): the shared objects it needs
 * ({@code DT_NEEDED}, in order) and its program interpreter ({@code PT_INTERP}). Read by the build, so
 * that exactly the libraries a program loads go into an image.
 */
public final class ElfFile {

    private static final int PT_LOAD = 1;
    private static final int PT_DYNAMIC = 2;
    private static final int PT_INTERP = 3;
    private static final long DT_NULL = 0;
    private static final long DT_NEEDED = 1;
    private static final long DT_STRTAB = 5;

    private final List<String> needed;
    private final Optional<String> interpreter;

    private ElfFile(List<String> needed, Optional<String> interpreter) {
        this.needed = needed;
        this.interpreter = interpreter;
    }

    /** Reads a file; a file that is not a 64-bit little-endian ELF is refused with a {@link BuildException}. */
    public static ElfFile read(Path file) {
        try {
            return parse(ByteBuffer.wrap(Files.readAllBytes(file)).order(ByteOrder.LITTLE_ENDIAN), file);
        } catch (IOException e) {
            throw new BuildException("cannot read " + file + ": " + e.getMessage(), e);
        } catch (IndexOutOfBoundsException | IllegalArgumentException e) {
            throw new BuildException(file.getFileName() + " is a truncated or malformed ELF file", e);
        }
    }

    /** The shared objects (sonames) it needs, in the order the loader loads them. */
    public List<String> needed() {
        return needed;
    }

    /** The program interpreter's path, for a dynamically linked program; empty for a library. */
    public Optional<String> interpreter() {
        return interpreter;
    }

    private static ElfFile parse(ByteBuffer elf, Path file) {
        if (elf.limit() < 64 || elf.getInt(0) != 0x464c457f || elf.get(4) != 2 || elf.get(5) != 1) {
            throw new BuildException(file.getFileName() + " is not a 64-bit little-endian ELF file");
        }
        long programHeaders = elf.getLong(0x20);
        int entrySize = Short.toUnsignedInt(elf.getShort(0x36));
        int entries = Short.toUnsignedInt(elf.getShort(0x38));
        List<long[]> loads = new ArrayList<>();
        long dynamicOffset = -1;
        long dynamicSize = 0;
        Optional<String> interpreter = Optional.empty();
        for (int i = 0; i < entries; i++) {
            int header = Math.toIntExact(programHeaders + (long) i * entrySize);
            int type = elf.getInt(header);
            long offset = elf.getLong(header + 8);
            long address = elf.getLong(header + 16);
            long size = elf.getLong(header + 32);
            if (type == PT_LOAD) {
                loads.add(new long[] {address, offset, size});
            } else if (type == PT_DYNAMIC) {
                dynamicOffset = offset;
                dynamicSize = size;
            } else if (type == PT_INTERP) {
                interpreter = Optional.of(string(elf, Math.toIntExact(offset)));
            }
        }
        if (dynamicOffset < 0) {
            return new ElfFile(List.of(), interpreter);
        }
        List<Long> neededOffsets = new ArrayList<>();
        long stringTable = -1;
        for (long entry = dynamicOffset; entry + 16 <= dynamicOffset + dynamicSize; entry += 16) {
            long tag = elf.getLong(Math.toIntExact(entry));
            long value = elf.getLong(Math.toIntExact(entry + 8));
            if (tag == DT_NULL) {
                break;
            } else if (tag == DT_NEEDED) {
                neededOffsets.add(value);
            } else if (tag == DT_STRTAB) {
                stringTable = fileOffset(loads, value, file);
            }
        }
        if (!neededOffsets.isEmpty() && stringTable < 0) {
            throw new BuildException(file.getFileName() + " needs shared objects but has no string table");
        }
        List<String> needed = new ArrayList<>();
        for (long offset : neededOffsets) {
            needed.add(string(elf, Math.toIntExact(stringTable + offset)));
        }
        return new ElfFile(List.copyOf(needed), interpreter);
    }

    /** Where in the file a virtual address (as the dynamic section gives them) is: through the loaded segments. */
    private static long fileOffset(List<long[]> loads, long address, Path file) {
        for (long[] load : loads) {
            if (address >= load[0] && address < load[0] + load[2]) {
                return address - load[0] + load[1];
            }
        }
        throw new BuildException(file.getFileName() + ": address 0x" + Long.toHexString(address)
                + " is in no loaded segment");
    }

    private static String string(ByteBuffer elf, int offset) {
        int end = offset;
        while (elf.get(end) != 0) {
            end++;
        }
        byte[] bytes = new byte[end - offset];
        elf.get(offset, bytes);
        return new String(bytes, StandardCharsets.UTF_8);
    }
}
