package dev.inlet.queue;

import dev.inlet.redis.RoundBatcher;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.Request;
import java.util.List;

/**
 * Acknowledges one shard's entries once processed, group-committed: the acknowledgements of one
 * round on the consumer's context go out as one XACK, with one HDEL of their recorded attempts
 * ({@link AttemptCounts}) in the same batch when any has some. Confined to that context.
 */
public final class Acknowledgements {
    private final Redis ops;
    private final String stream;
    private final AttemptCounts attempts;
    private final RoundBatcher<Ack> round;

    public Acknowledgements(Context context, Redis ops, StreamNames.Shard shard, AttemptCounts attempts) {
        this.ops = ops;
        this.stream = shard.stream();
        this.attempts = attempts;
        this.round = RoundBatcher.unbounded(context, this::send);
    }

    /** Acknowledges the entry {@code id} with this round's others. */
    public Future<Void> acknowledge(String id) {
        Promise<Void> done = Promise.promise();
        round.add(new Ack(id, done));
        return done.future();
    }

    private record Ack(String id, Promise<Void> done) {}

    private void send(List<Ack> acks) {
        Request xack = Request.cmd(Command.XACK).arg(stream).arg(StreamNames.GROUP);
        Request hdel = Request.cmd(Command.HDEL).arg(attempts.hash());
        boolean anyRecorded = false;
        for (Ack ack : acks) {
            xack.arg(ack.id());
            if (attempts.forget(ack.id())) {
                hdel.arg(ack.id());
                anyRecorded = true;
            }
        }
        Future<?> sent = anyRecorded ? ops.batch(List.of(xack, hdel)) : ops.send(xack);
        sent.onComplete(ar -> acks.forEach(ack -> {
            if (ar.succeeded()) {
                ack.done().complete();
            } else {
                ack.done().fail(ar.cause());
            }
        }));
    }
}
