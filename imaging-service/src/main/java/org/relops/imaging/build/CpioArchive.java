package org.relops.imaging.build;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.TreeMap;

/**
 * An initramfs archive (cpio "newc"), written reproducibly: entries in path order, every timestamp 0,
 * every owner root, inode numbers by position. The same entries always give the same bytes.
 */
public class CpioArchive {

    private static final int DIRECTORY = 0040000;
    private static final int REGULAR = 0100000;
    private static final int CHARACTER_DEVICE = 0020000;
    private static final int SYMBOLIC_LINK = 0120000;

    private final Map<String, Entry> entries = new TreeMap<>();

    /** Adds a directory and its parents. */
    public CpioArchive directory(String path) {
        String clean = clean(path);
        int slash = clean.lastIndexOf('/');
        if (slash > 0) {
            directory(clean.substring(0, slash));
        }
        entries.putIfAbsent(clean, new Entry(DIRECTORY | 0755, new byte[0], 0, 0));
        return this;
    }

    public CpioArchive file(String path, int permissions, byte[] content) {
        String clean = clean(path);
        parentOf(clean);
        entries.put(clean, new Entry(REGULAR | permissions, content, 0, 0));
        return this;
    }

    public CpioArchive characterDevice(String path, int permissions, int major, int minor) {
        String clean = clean(path);
        parentOf(clean);
        entries.put(clean, new Entry(CHARACTER_DEVICE | permissions, new byte[0], major, minor));
        return this;
    }

    /** Adds a symbolic link; its content is the target path, as cpio stores it. */
    public CpioArchive symlink(String path, String target) {
        String clean = clean(path);
        parentOf(clean);
        entries.put(clean, new Entry(SYMBOLIC_LINK | 0777, target.getBytes(StandardCharsets.UTF_8), 0, 0));
        return this;
    }

    public void writeTo(OutputStream out) throws IOException {
        int inode = 1;
        for (Map.Entry<String, Entry> entry : entries.entrySet()) {
            Entry value = entry.getValue();
            boolean directory = (value.mode & 0170000) == DIRECTORY;
            writeEntry(out, entry.getKey(), inode++, value.mode, directory ? 2 : 1, value.content, value.major,
                    value.minor);
        }
        writeEntry(out, "TRAILER!!!", 0, 0, 1, new byte[0], 0, 0);
    }

    private void parentOf(String path) {
        int slash = path.lastIndexOf('/');
        if (slash > 0) {
            directory(path.substring(0, slash));
        }
    }

    private static String clean(String path) {
        String clean = path;
        while (clean.startsWith("/")) {
            clean = clean.substring(1);
        }
        if (clean.isEmpty() || clean.contains("..")) {
            throw new IllegalArgumentException("'" + path + "' is not a path inside the archive");
        }
        return clean;
    }

    private static void writeEntry(OutputStream out, String name, int inode, int mode, int links, byte[] content,
            int rdevMajor, int rdevMinor) throws IOException {
        byte[] nameBytes = (name + "\0").getBytes(StandardCharsets.UTF_8);
        String header = "070701" + hex(inode) + hex(mode) + hex(0) + hex(0) + hex(links) + hex(0)
                + hex(content.length) + hex(0) + hex(0) + hex(rdevMajor) + hex(rdevMinor) + hex(nameBytes.length)
                + hex(0);
        out.write(header.getBytes(StandardCharsets.US_ASCII));
        out.write(nameBytes);
        pad(out, header.length() + nameBytes.length);
        out.write(content);
        pad(out, content.length);
    }

    private static void pad(OutputStream out, int length) throws IOException {
        for (int i = length; i % 4 != 0; i++) {
            out.write(0);
        }
    }

    private static String hex(int value) {
        return String.format("%08x", value);
    }

    private record Entry(int mode, byte[] content, int major, int minor) {
    }
}
