package dev.inlet.queue;

import dev.inlet.redis.RedisReplies;
import dev.inlet.redis.RoundBatcher;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.Request;
import io.vertx.redis.client.Response;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Acknowledges one shard's entries once processed, group-committed: the acknowledgements of one
 * round on the consumer's context go out as one XACK, with one HDEL of their recorded attempts
 * ({@link AttemptCounts}) in the same batch when any has some. Other writes of the round may ride
 * along in that batch ({@link #ride}): one socket write for the round instead of two; each command
 * still has its own outcome. Confined to that context.
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
        round.add(new Ack(id, done, null, null));
        return done.future();
    }

    /**
     * Sends {@code command} in the batch of this round's acknowledgements: for a write that need not
     * be atomic with them, such as the round's outcomes. Its failure is its own; an acknowledgement's
     * never depends on it (its reply is null when another command of the batch failed). Not for
     * Redis Cluster, where a command for another slot would fail the whole batch before it is written.
     */
    public Future<Response> ride(Request command) {
        Promise<Response> done = Promise.promise();
        round.add(new Ack(null, null, command, done));
        return done.future();
    }

    /**
     * Runs {@code hook} before each round's batch is made (a rider's own round batcher, flushed so its
     * commands go out in this batch rather than in one of their own).
     */
    public void beforeSend(Runnable hook) {
        round.beforeFlush(hook);
    }

    /** An acknowledgement ({@code id}, answered on {@code done}) or a command riding along. */
    private record Ack(String id, Promise<Void> done, Request rider, Promise<Response> riderDone) {}

    private void send(List<Ack> items) {
        Request xack = Request.cmd(Command.XACK).arg(stream).arg(StreamNames.GROUP);
        Request hdel = Request.cmd(Command.HDEL).arg(attempts.hash());
        List<Request> commands = new ArrayList<>(2);
        List<Ack> riders = new ArrayList<>();
        boolean anyRecorded = false;
        for (Ack ack : items) {
            if (ack.rider() != null) {
                riders.add(ack);
                continue;
            }
            xack.arg(ack.id());
            if (attempts.forget(ack.id())) {
                hdel.arg(ack.id());
                anyRecorded = true;
            }
        }
        if (riders.size() < items.size()) {
            commands.add(xack);
        }
        if (anyRecorded) {
            commands.add(hdel);
        }
        int acksEnd = commands.size();
        riders.forEach(r -> commands.add(r.rider()));
        Future<List<Response>> sent =
                commands.size() == 1 ? ops.send(commands.get(0)).map(List::of) : ops.batch(commands);
        sent.onComplete(ar -> {
            Set<Integer> failed = RedisReplies.failedIndexes(ar, commands.size());
            boolean acked = failed.stream().noneMatch(i -> i < acksEnd);
            for (Ack ack : items) {
                if (ack.rider() != null) {
                    continue;
                }
                if (acked) {
                    ack.done().complete();
                } else {
                    ack.done().fail(ar.cause());
                }
            }
            for (int i = 0; i < riders.size(); i++) {
                int at = acksEnd + i;
                if (failed.contains(at)) {
                    riders.get(i).riderDone().fail(ar.cause());
                } else {
                    riders.get(i).riderDone().complete(RedisReplies.replyAt(ar, at));
                }
            }
        });
    }
}
