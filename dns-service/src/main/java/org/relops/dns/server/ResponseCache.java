package org.relops.dns.server;

import java.util.Arrays;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Rendered answers by the exact bytes of their question (everything after the message id), for one
 * version of the served zones: a repeated question is answered with the same bytes and the query's id.
 * It is thrown away whole when any zone changes. When full it starts again empty, so a flood of
 * distinct questions cannot grow it.
 */
final class ResponseCache {

    private final ConcurrentHashMap<Key, byte[]> answers = new ConcurrentHashMap<>();
    private final int capacity;

    ResponseCache(int capacity) {
        this.capacity = capacity;
    }

    /**
     * The answer to this query, or null: shared, not to be changed, and with the id of the query it was first
     * rendered for (the sender sets the id as it copies it out, so a hit allocates nothing).
     */
    byte[] answer(byte[] query, int length) {
        if (capacity <= 0 || length <= 2) {
            return null;
        }
        return answers.get(Key.lookup(query, length));
    }

    void remember(byte[] query, int length, byte[] answer) {
        if (capacity <= 0 || length <= 2) {
            return;
        }
        if (answers.size() >= capacity) {
            answers.clear();
        }
        answers.put(Key.copyOf(query, length), answer.clone());
    }

    int size() {
        return answers.size();
    }

    /** The question bytes after the id; compares by content. */
    private static final class Key {

        private final byte[] bytes;
        private final int length;
        private final int hash;

        private Key(byte[] bytes, int length) {
            this.bytes = bytes;
            this.length = length;
            int h = 1;
            for (int i = 2; i < length; i++) {
                h = 31 * h + bytes[i];
            }
            this.hash = h;
        }

        static Key lookup(byte[] query, int length) {
            return new Key(query, length);
        }

        static Key copyOf(byte[] query, int length) {
            return new Key(Arrays.copyOf(query, length), length);
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof Key key && key.hash == hash
                    && Arrays.equals(bytes, 2, length, key.bytes, 2, key.length);
        }

        @Override
        public int hashCode() {
            return hash;
        }
    }
}
