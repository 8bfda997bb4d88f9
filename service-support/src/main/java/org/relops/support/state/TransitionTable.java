package org.relops.support.state;

import java.util.EnumMap;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;

import org.jboss.logging.Logger;

/**
 * The transitions one kind of entity may make between its states: the one table its state changes go through.
 * Staying in a state is always allowed; any other change the table does not list is refused (logged, and an
 * {@link IllegalTransitionException} thrown, so the transaction that asked for it changes nothing).
 */
public final class TransitionTable<S extends Enum<S>> {

    private static final Logger LOG = Logger.getLogger(TransitionTable.class);

    private final String entity;
    private final Map<S, Set<S>> allowed;

    private TransitionTable(String entity, Map<S, Set<S>> allowed) {
        this.entity = entity;
        this.allowed = allowed;
    }

    /** A table for an entity kind (its name, as errors say it) whose states are {@code type}'s constants. */
    public static <S extends Enum<S>> Builder<S> of(String entity, Class<S> type) {
        return new Builder<>(entity, type);
    }

    public boolean allows(S from, S to) {
        return from == null || from == to || allowed.get(from).contains(to);
    }

    /** Refuses a change of the given entity (its id) from one state to another that the table does not allow. */
    public void check(String id, S from, S to) {
        if (!allows(from, to)) {
            String message = entity + " " + id + " cannot go from " + from + " to " + to + " (from " + from
                    + " it may go to " + (allowed.get(from).isEmpty() ? "nothing: it is final" : allowed.get(from))
                    + ")";
            LOG.error("refused: " + message);
            throw new IllegalTransitionException(message);
        }
    }

    /** Builds a table state by state. */
    public static final class Builder<S extends Enum<S>> {
        private final String entity;
        private final Class<S> type;
        private final Map<S, Set<S>> allowed;

        private Builder(String entity, Class<S> type) {
            this.entity = entity;
            this.type = type;
            this.allowed = new EnumMap<>(type);
        }

        /** From {@code from} the entity may go to each of {@code to}. */
        @SafeVarargs
        public final Builder<S> from(S from, S... to) {
            Set<S> targets = EnumSet.noneOf(type);
            targets.addAll(Set.of(to));
            allowed.put(from, targets);
            return this;
        }

        /** The table; every state must have been given its transitions (none for a final state). */
        public TransitionTable<S> build() {
            for (S state : type.getEnumConstants()) {
                if (!allowed.containsKey(state)) {
                    throw new IllegalStateException(entity + " transitions: no entry for " + state);
                }
            }
            return new TransitionTable<>(entity, Map.copyOf(allowed));
        }
    }
}
