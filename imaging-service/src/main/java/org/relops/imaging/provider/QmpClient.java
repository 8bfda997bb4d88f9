package org.relops.imaging.provider;

import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Asks a qemu process how its guest is, over its QMP socket. A qemu that does not answer within the
 * timeout is hung (stopped, or stuck as with a KVM internal error).
 */
final class QmpClient {

    private static final Pattern STATUS = Pattern.compile("\"status\"\\s*:\\s*\"([a-z-]+)\"");

    private QmpClient() {
    }

    /** The guest's run state ({@code running}, {@code internal-error}, ...), or empty if qemu did not answer. */
    static Optional<String> queryStatus(Path socket, Duration timeout) {
        SocketChannel channel;
        try {
            channel = SocketChannel.open(StandardProtocolFamily.UNIX);
        } catch (IOException e) {
            return Optional.empty();
        }
        CompletableFuture<String> answer = CompletableFuture.supplyAsync(() -> converse(channel, socket));
        try {
            Matcher status = STATUS.matcher(answer.get(timeout.toMillis(), TimeUnit.MILLISECONDS));
            return status.find() ? Optional.of(status.group(1)) : Optional.empty();
        } catch (TimeoutException | ExecutionException e) {
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        } finally {
            try {
                channel.close();
            } catch (IOException e) {
                // closing is all that is left to do with it
            }
        }
    }

    private static String converse(SocketChannel channel, Path socket) {
        try {
            channel.connect(UnixDomainSocketAddress.of(socket));
            readUntil(channel, "\"QMP\"");
            write(channel, "{\"execute\":\"qmp_capabilities\"}\n");
            readUntil(channel, "\"return\"");
            write(channel, "{\"execute\":\"query-status\"}\n");
            return readUntil(channel, "\"status\"");
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static void write(SocketChannel channel, String text) throws IOException {
        ByteBuffer buffer = ByteBuffer.wrap(text.getBytes(StandardCharsets.UTF_8));
        while (buffer.hasRemaining()) {
            channel.write(buffer);
        }
    }

    private static String readUntil(SocketChannel channel, String marker) throws IOException {
        StringBuilder text = new StringBuilder();
        ByteBuffer buffer = ByteBuffer.allocate(4096);
        while (text.indexOf(marker) < 0) {
            buffer.clear();
            if (channel.read(buffer) < 0) {
                throw new IOException("qemu closed its QMP socket");
            }
            text.append(new String(buffer.array(), 0, buffer.position(), StandardCharsets.UTF_8));
        }
        return text.toString();
    }
}
