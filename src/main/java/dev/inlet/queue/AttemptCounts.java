package dev.inlet.queue;

import io.vertx.core.Future;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.Request;
import java.util.HashSet;
import java.util.Set;

/**
 * The failed attempts of one shard's entries, kept in the shard's attempts hash so they survive a
 * worker's crash: a first delivery costs no Redis call; a failure is recorded before its retry
 * waits; an entry seen again (own pending, or claimed) counts the attempt that was cut short. This
 * consumer's entries with a field in the hash are remembered, so their acknowledgement deletes it
 * ({@link Acknowledgements}); a dead letter's is deleted by its move ({@link DeadLetters}).
 * Confined to the consumer's context.
 */
public final class AttemptCounts {
    private final Redis ops;
    private final String hash;
    private final Set<String> recorded = new HashSet<>();

    public AttemptCounts(Redis ops, StreamNames.Shard shard) {
        this.ops = ops;
        this.hash = shard.attempts();
    }

    /** Counts one more attempt of {@code id} (the one cut short); the result is the attempts recorded now. */
    public Future<Integer> countCutShort(String id) {
        return ops.send(Request.cmd(Command.HINCRBY).arg(hash).arg(id).arg(1)).map(r -> {
            recorded.add(id);
            return r.toInteger();
        });
    }

    /** Records that {@code attempt} attempts of {@code id} failed. */
    public Future<Void> recordFailed(String id, int attempt) {
        recorded.add(id);
        return ops.send(Request.cmd(Command.HSET).arg(hash).arg(id).arg(attempt))
                .mapEmpty();
    }

    /** Forgets {@code id} once its move to the dead-letter stream deleted its field. */
    public void movedToDeadLetters(String id) {
        recorded.remove(id);
    }

    /** Forgets {@code id}: whether it had a field in the hash, as far as this consumer knows. */
    boolean forget(String id) {
        return recorded.remove(id);
    }

    /** The hash's key. */
    String hash() {
        return hash;
    }
}
