package org.relops.imaging.build;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.zip.GZIPInputStream;

/** Reads a built initramfs (gzip-compressed cpio "newc") back, entry by entry, for tests to look into. */
final class InitramfsEntries {

    private InitramfsEntries() {
    }

    /** Every entry by path, in archive order. */
    static Map<String, Entry> of(Path initrd) throws IOException {
        Map<String, Entry> entries = new LinkedHashMap<>();
        try (InputStream in = new GZIPInputStream(Files.newInputStream(initrd))) {
            byte[] all = in.readAllBytes();
            int at = 0;
            while (true) {
                String header = new String(all, at, 110, StandardCharsets.US_ASCII);
                int mode = field(header, 1);
                int size = field(header, 6);
                int nameSize = field(header, 11);
                String name = new String(all, at + 110, nameSize - 1, StandardCharsets.UTF_8);
                int data = align(at + 110 + nameSize);
                if (name.equals("TRAILER!!!")) {
                    return entries;
                }
                byte[] content = new byte[size];
                System.arraycopy(all, data, content, 0, size);
                entries.put(name, new Entry(mode, content));
                at = align(data + size);
            }
        }
    }

    private static int field(String header, int index) {
        return Integer.parseInt(header.substring(6 + index * 8, 14 + index * 8), 16);
    }

    private static int align(int offset) {
        return (offset + 3) & ~3;
    }

    /** One entry: its mode (type and permissions) and content (a link's target for a symbolic link). */
    record Entry(int mode, byte[] content) {

        boolean isSymlink() {
            return (mode & 0170000) == 0120000;
        }

        String text() {
            return new String(content, StandardCharsets.UTF_8);
        }
    }
}
