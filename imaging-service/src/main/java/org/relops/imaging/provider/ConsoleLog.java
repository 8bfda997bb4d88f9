package org.relops.imaging.provider;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

/** Reads the last lines of a machine's serial console log, cleaned of terminal control characters. */
public final class ConsoleLog {

    private static final int MAX_BYTES = 64 * 1024;

    private ConsoleLog() {
    }

    public static String tail(Path log, int lines) {
        if (!Files.isRegularFile(log)) {
            return "";
        }
        try (RandomAccessFile file = new RandomAccessFile(log.toFile(), "r")) {
            long length = file.length();
            int size = (int) Math.min(length, MAX_BYTES);
            byte[] bytes = new byte[size];
            file.seek(length - size);
            file.readFully(bytes);
            String text = new String(bytes, StandardCharsets.UTF_8)
                    .replaceAll("\u001B\\[[0-9;?]*[A-Za-z]", "")
                    .replaceAll("[\\x00-\\x08\\x0B\\x0C\\x0E-\\x1F\\x7F]", "")
                    .replace("\r", "");
            List<String> all = Arrays.stream(text.split("\n")).filter(line -> !line.isBlank()).toList();
            return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
        } catch (IOException e) {
            return "(console log unreadable: " + e.getMessage() + ")";
        }
    }
}
