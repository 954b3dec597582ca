package dev.inlet.queue;

import dev.inlet.config.WorkersConfig;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.Request;
import io.vertx.redis.client.Response;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The worker side of the event stream, as Redis' streams documentation describes a work queue:
 * after a start, read this consumer's own pending entries first; then new ones with a bounded
 * BLOCK; periodically XAUTOCLAIM entries idle longer than {@code claimIdle} (their consumer died),
 * while keeping this consumer's own in-flight entries from looking idle.
 * An entry is acknowledged only after its processing succeeded; a failure is retried with
 * exponential backoff, and after {@code maxAttempts} (or at once, for a {@link PermanentFailure}) the
 * entry moves to the dead-letter stream atomically with its XACK. A first delivery costs no Redis call before processing; failed attempts
 * are recorded in Redis, and an entry seen again after a worker died counts the attempt that was cut
 * short, so a crash loop stays bounded too. Acknowledgements are group-committed per round.
 *
 * <p>One consumer reads one shard of the stream ({@link StreamNames.Shard}); a worker verticle runs
 * one per shard, and they share its {@link InFlightLimit}: entries are processed concurrently, and
 * reads stop while the limit is reached. All state is confined to the owning verticle's context.
 */
public final class StreamConsumer {
  private static final Logger LOG = LoggerFactory.getLogger(StreamConsumer.class);
  private static final long BLOCK_MILLIS = 2_000;
  private static final long MAX_BACKOFF_MILLIS = 60_000;
  /**
   * The bytes one round of reads may bring in, for all consumers of the process together. XREADGROUP
   * and XAUTOCLAIM count entries, not bytes: after small events, one read of {@code batchSize} could
   * bring that many of the largest events an endpoint accepts (64 × 1 MiB per consumer ran a 320 MiB
   * heap out of memory), so a read never asks for more entries than this bound holds at that size.
   * A quarter of the heap: a reply is buffered and then parsed, about twice its size for a moment.
   */
  static final long MAX_READ_BYTES = Runtime.getRuntime().maxMemory() / 4;
  /** An entry's bytes besides its body, about: the stored headers (up to 16 KiB) and the small fields. */
  static final long ENTRY_OVERHEAD = 17 * 1024;
  /** Entries read while the size of this stream's events is still unknown. */
  private static final int FIRST_READ = 4;
  /**
   * After a read that came back less than half full (the consumer has caught up), the next read
   * waits this long, so entries arriving meanwhile are read together: a caught-up consumer would
   * otherwise pay a read, an XACK and a few context hops for every one or two events.
   */
  static final long LINGER_MILLIS = 2;

  private final Vertx vertx;
  private final Redis reads;
  private final Redis ops;
  private final StreamNames.Shard shard;
  private final String stream;
  private final String consumer;
  private final WorkersConfig config;
  private final EventProcessor processor;
  private final InFlightLimit limit;
  /**
   * What the events in flight of every consumer of the process hold, bodies and flattened payloads:
   * with 1 MiB events, {@code 2 × batchSize} per consumer would otherwise be hundreds of MiB of heap.
   * It also counts the consumers, who share {@link #MAX_READ_BYTES}.
   */
  private final WorkerMemory memory;
  private final LongSupplier largestBody;
  private final Runnable resume = this::pump;

  private final Map<String, Long> inFlight = new HashMap<>();
  private final Map<String, Integer> inFlightSizes = new HashMap<>();
  /** Moving average of the body sizes read, 0 until the first entry. */
  private double averageBytes;
  /** The largest entry of recent reads, halved after each read that had none as large. */
  private long recentLargest;
  /** Entries with attempts recorded in Redis, whose field the acknowledgement must delete. */
  private final Set<String> recorded = new HashSet<>();
  /** This round's acknowledgements, sent together. */
  private final RoundBatcher<Ack> acks;
  private boolean reading;
  private boolean stopping;
  private boolean ownPendingDone;
  private String pendingCursor = "0";
  private String claimCursor = "0-0";
  private long claimTimer = -1;
  private long lingerTimer = -1;
  private long lastErrorLog;
  private Promise<Void> drained;

  /**
   * @param reads a client used only for the blocking reads (pool size 1)
   * @param ops a client for acknowledgements, attempts and dead letters
   * @param limit the in-flight bound shared with the verticle's other consumers
   * @param memory the in-flight heap budget shared with every consumer and pipeline of the process
   * @param largestBody the largest body an endpoint accepts now (the config's, as reloaded)
   */
  public StreamConsumer(Vertx vertx, Redis reads, Redis ops, StreamNames.Shard shard, String consumer,
      WorkersConfig config, EventProcessor processor, InFlightLimit limit, WorkerMemory memory, LongSupplier largestBody) {
    this.largestBody = largestBody;
    this.vertx = vertx;
    this.reads = reads;
    this.ops = ops;
    this.shard = shard;
    this.stream = shard.stream();
    this.consumer = consumer;
    this.config = config;
    this.processor = processor;
    this.limit = limit;
    this.memory = memory;
    this.acks = RoundBatcher.unbounded(vertx.getOrCreateContext(), this::sendAcks);
  }

  /** The in-flight bound of one worker verticle: two batches, whatever the number of shards. */
  public static InFlightLimit limitFor(WorkersConfig config) {
    return new InFlightLimit(config.batchSize() * 2);
  }

  /** Creates the consumer group on every shard where it is missing. */
  public static Future<Void> ensureGroups(Redis redis, StreamNames streams) {
    return Future.all(streams.shards().stream().map(s -> ensureGroup(redis, s.stream())).toList()).mapEmpty();
  }

  /** Creates the consumer group when missing (from the stream's start, so no queued event is skipped). */
  public static Future<Void> ensureGroup(Redis redis, String stream) {
    return redis.send(Request.cmd(Command.XGROUP).arg("CREATE").arg(stream).arg(StreamNames.GROUP).arg("0").arg("MKSTREAM"))
        .<Void>mapEmpty()
        .recover(err -> err.getMessage() != null && err.getMessage().startsWith("BUSYGROUP")
            ? Future.succeededFuture()
            : Future.failedFuture(err));
  }

  public Future<Void> start() {
    memory.consumerStarted();
    return ensureGroup(ops, stream).onSuccess(v -> {
      // Well under claimIdle, so the entries this consumer holds never look idle to the others.
      long every = Math.max(100, config.claimIdle().toMillis() / 3);
      claimTimer = vertx.setPeriodic(every, every, t -> {
        keepInFlightClaimed();
        claim();
      });
      pump();
    });
  }

  /** Stops reading and waits (bounded) for entries in flight to finish; entries waiting for a retry stay pending. */
  public Future<Void> stop(long timeoutMillis) {
    if (!stopping) {
      memory.consumerStopped();
    }
    stopping = true;
    vertx.cancelTimer(claimTimer);
    vertx.cancelTimer(lingerTimer);
    inFlight.entrySet().removeIf(e -> {
      boolean waitingForRetry = e.getValue() >= 0 && vertx.cancelTimer(e.getValue());
      if (waitingForRetry) {
        limit.released();
        Integer size = inFlightSizes.remove(e.getKey());
        memory.release(size == null ? 0 : size);
      }
      return waitingForRetry;
    });
    if (inFlight.isEmpty()) {
      return Future.succeededFuture();
    }
    drained = Promise.promise();
    long timer = vertx.setTimer(timeoutMillis, t -> {
      LOG.warn("{} entries still in flight at shutdown; they stay pending and will be processed again", inFlight.size());
      drained.tryComplete();
    });
    return drained.future().onComplete(v -> vertx.cancelTimer(timer));
  }

  private void pump() {
    if (stopping || reading || lingerTimer >= 0) {
      return;
    }
    if (limit.room() <= 0) {
      limit.whenRoom(resume);
      return;
    }
    long bytesLeft = memory.left();
    if (bytesLeft <= 0 && !inFlight.isEmpty()) {
      // finish() pumps again as entries complete.
      return;
    }
    reading = true;
    int count = Math.min(Math.min(config.batchSize(), limit.room()), worstCaseCount());
    count = readCount(count, bytesLeft, averageBytes, recentLargest);
    int asked = count;
    Request req = Request.cmd(Command.XREADGROUP).arg("GROUP").arg(StreamNames.GROUP).arg(consumer).arg("COUNT").arg(count);
    if (ownPendingDone) {
      req.arg("BLOCK").arg(BLOCK_MILLIS);
    }
    req.arg("STREAMS").arg(stream).arg(ownPendingDone ? ">" : pendingCursor);
    reads.send(req).onComplete(ar -> {
      reading = false;
      if (stopping) {
        // Entries read now stay pending for this consumer: its next start reads them first.
        return;
      }
      if (ar.failed()) {
        logError("read", ar.cause());
        retryLater();
        return;
      }
      List<StreamEntry> entries = entriesOf(ar.result());
      long largest = 0;
      for (StreamEntry entry : entries) {
        largest = Math.max(largest, entry.body().length);
      }
      recentLargest = Math.max(largest, recentLargest / 2);
      boolean fresh = ownPendingDone;
      if (!ownPendingDone) {
        if (entries.isEmpty()) {
          ownPendingDone = true;
        } else {
          pendingCursor = entries.get(entries.size() - 1).id();
        }
      }
      entries.forEach(entry -> handle(entry, fresh));
      if (fresh && entries.size() < asked / 2) {
        lingerTimer = vertx.setTimer(LINGER_MILLIS, t -> {
          lingerTimer = -1;
          pump();
        });
      } else {
        pump();
      }
    });
  }

  /** How many entries this consumer's share of {@link #MAX_READ_BYTES} holds if every one is as large as allowed. */
  private int worstCaseCount() {
    return worstCaseCount(MAX_READ_BYTES, memory.consumers(), largestBody.getAsLong());
  }

  static int worstCaseCount(long readBytes, int consumers, long largestBody) {
    long share = readBytes / Math.max(1, consumers);
    return (int) Math.max(1, Math.min(Integer.MAX_VALUE, share / (Math.max(0, largestBody) + ENTRY_OVERHEAD)));
  }

  /**
   * How many entries to ask for: at most {@code room}, and no more than the bytes left hold at the
   * larger of the average entry and the largest recent one, so a few large events among small ones
   * shrink the next reads at once rather than after the average catches up (always at least one).
   */
  static int readCount(int room, long bytesLeft, double averageBytes, long recentLargest) {
    if (averageBytes <= 0) {
      return Math.min(room, FIRST_READ);
    }
    long expected = Math.max(1, Math.max((long) averageBytes, recentLargest));
    return (int) Math.max(1, Math.min(room, bytesLeft / expected));
  }

  private void retryLater() {
    vertx.setTimer(1_000, t -> pump());
  }

  /**
   * Resets the idle time of the entries this consumer is working on or waiting to retry (XCLAIM to
   * itself, JUSTID so delivery counts stay), so a slow event or a long backoff is not claimed and
   * run a second time by another consumer. Only a consumer that stopped calling this loses them.
   */
  private void keepInFlightClaimed() {
    if (stopping || inFlight.isEmpty()) {
      return;
    }
    Request req = Request.cmd(Command.XCLAIM).arg(stream).arg(StreamNames.GROUP).arg(consumer).arg(0);
    inFlight.keySet().forEach(req::arg);
    req.arg("JUSTID");
    ops.send(req).onFailure(err -> logError("keep in-flight entries claimed", err));
  }

  private void claim() {
    if (stopping || limit.room() <= 0) {
      return;
    }
    ops.send(Request.cmd(Command.XAUTOCLAIM).arg(stream).arg(StreamNames.GROUP).arg(consumer)
            .arg(config.claimIdle().toMillis()).arg(claimCursor).arg("COUNT").arg(Math.min(config.batchSize(), worstCaseCount())))
        .onComplete(ar -> {
          if (ar.failed()) {
            logError("claim", ar.cause());
            return;
          }
          Response r = ar.result();
          claimCursor = r.get(0).toString();
          List<StreamEntry> claimed = new ArrayList<>();
          for (Response e : r.get(1)) {
            StreamEntry entry = StreamEntry.from(e);
            if (entry != null && !inFlight.containsKey(entry.id())) {
              claimed.add(entry);
            }
          }
          if (!claimed.isEmpty()) {
            LOG.info("reclaimed {} entries idle longer than {}", claimed.size(), config.claimIdle());
          }
          claimed.forEach(entry -> handle(entry, false));
        });
  }

  /**
   * Starts an entry. A fresh one (first delivery) is attempt 1 with no Redis round trip; one read
   * again from this consumer's pending list or claimed from another was attempted before, so its
   * attempt number comes from the attempts recorded in Redis plus the one that was cut short.
   */
  private void handle(StreamEntry entry, boolean fresh) {
    if (inFlight.containsKey(entry.id())) {
      return;
    }
    inFlight.put(entry.id(), -1L);
    inFlightSizes.put(entry.id(), entry.body().length);
    memory.take(entry.body().length);
    averageBytes = averageBytes <= 0 ? entry.body().length : averageBytes * 0.9 + entry.body().length * 0.1;
    limit.taken();
    if (entry.deleted()) {
      LOG.warn("stream entry {} was trimmed or deleted before it was processed; acknowledging it", entry.id());
      acknowledge(entry).onComplete(ar -> finish(entry));
      return;
    }
    if (fresh) {
      attempt(entry, 1);
      return;
    }
    // Counts the attempt that was cut short (the worker died or stopped during it); the next is one more.
    ops.send(Request.cmd(Command.HINCRBY).arg(shard.attempts()).arg(entry.id()).arg(1)).onComplete(ar -> {
      if (ar.failed()) {
        logError("read attempts of " + entry.transid(), ar.cause());
        finish(entry);
      } else {
        recorded.add(entry.id());
        attempt(entry, ar.result().toInteger() + 1);
      }
    });
  }

  private void attempt(StreamEntry entry, int attempt) {
    inFlight.put(entry.id(), -1L);
    Future<Outcome> outcome;
    if (attempt > config.maxAttempts()) {
      outcome = DeadLetters.move(ops, shard, entry, "attempts exhausted (the worker stopped during earlier attempts)", attempt - 1)
          .map(id -> Outcome.DONE);
    } else {
      outcome = safely(entry, attempt).transform(ar -> {
        if (ar.succeeded()) {
          return acknowledge(entry).map(v -> Outcome.DONE);
        }
        String error = String.valueOf(ar.cause().getMessage());
        if (ar.cause() instanceof PermanentFailure) {
          LOG.warn("transid={} cannot succeed, moved to the dead-letter stream without retries: {}", entry.transid(), error);
          return DeadLetters.move(ops, shard, entry, error, attempt).map(id -> Outcome.DONE);
        }
        if (attempt >= config.maxAttempts()) {
          LOG.warn("transid={} failed {} times, moved to the dead-letter stream: {}", entry.transid(), attempt, error);
          return DeadLetters.move(ops, shard, entry, error, attempt).map(id -> Outcome.DONE);
        }
        LOG.info("transid={} attempt {} of {} failed, retrying: {}", entry.transid(), attempt, config.maxAttempts(), error);
        // Recorded before the retry waits, so a crash during the wait still counts this attempt.
        recorded.add(entry.id());
        return ops.send(Request.cmd(Command.HSET).arg(shard.attempts()).arg(entry.id()).arg(attempt))
            .map(v -> new Outcome(backoff(attempt)));
      });
    }
    outcome.onComplete(ar -> {
      if (ar.failed()) {
        // Redis trouble while recording the outcome: the entry stays pending and is reclaimed later.
        logError("record outcome of " + entry.transid(), ar.cause());
        finish(entry);
      } else if (ar.result().retryIn() > 0 && !stopping) {
        inFlight.put(entry.id(), vertx.setTimer(ar.result().retryIn(), t -> attempt(entry, attempt + 1)));
      } else {
        finish(entry);
      }
    });
  }

  private record Outcome(long retryIn) {
    static final Outcome DONE = new Outcome(0);
  }

  private Future<Void> safely(StreamEntry entry, int attempt) {
    try {
      Future<Void> f = processor.process(entry, attempt);
      return f == null ? Future.failedFuture("processor returned no result") : f;
    } catch (RuntimeException e) {
      return Future.failedFuture(e);
    }
  }

  private long backoff(int attempt) {
    long base = Math.max(1, config.backoff().toMillis());
    return Math.min(MAX_BACKOFF_MILLIS, base << Math.min(20, attempt - 1));
  }

  /**
   * Acknowledges an entry. The acknowledgements of one round on this context go out as one XACK
   * (and one HDEL for entries that have recorded attempts): group commit on the worker side.
   */
  private Future<Void> acknowledge(StreamEntry entry) {
    Promise<Void> done = Promise.promise();
    acks.add(new Ack(entry.id(), done));
    return done.future();
  }

  private record Ack(String id, Promise<Void> done) {}

  private void sendAcks(List<Ack> round) {
    Request xack = Request.cmd(Command.XACK).arg(stream).arg(StreamNames.GROUP);
    Request hdel = Request.cmd(Command.HDEL).arg(shard.attempts());
    boolean anyRecorded = false;
    for (Ack ack : round) {
      xack.arg(ack.id());
      if (recorded.remove(ack.id())) {
        hdel.arg(ack.id());
        anyRecorded = true;
      }
    }
    Future<?> sent = anyRecorded ? ops.batch(List.of(xack, hdel)) : ops.send(xack);
    sent.onComplete(ar -> round.forEach(ack -> {
      if (ar.succeeded()) {
        ack.done().complete();
      } else {
        ack.done().fail(ar.cause());
      }
    }));
  }

  private void finish(StreamEntry entry) {
    if (inFlight.remove(entry.id()) != null) {
      limit.released();
    }
    Integer size = inFlightSizes.remove(entry.id());
    if (size != null) {
      memory.release(size);
    }
    if (stopping) {
      if (inFlight.isEmpty() && drained != null) {
        drained.tryComplete();
      }
    } else {
      pump();
    }
  }

  private void logError(String what, Throwable err) {
    long now = System.currentTimeMillis();
    if (now - lastErrorLog > 5_000) {
      lastErrorLog = now;
      LOG.warn("stream {}: {} failed: {}", stream, what, err.toString());
    }
  }

  /** Entries of an XREADGROUP reply for one stream, RESP2 (array of [name, entries]) or RESP3 (map). */
  static List<StreamEntry> entriesOf(Response reply) {
    List<StreamEntry> out = new ArrayList<>();
    if (reply == null) {
      return out;
    }
    List<Response> perStream = new ArrayList<>();
    if (reply.isMap()) {
      for (String k : reply.getKeys()) {
        perStream.add(reply.get(k));
      }
    } else {
      for (Response s : reply) {
        perStream.add(s.get(1));
      }
    }
    for (Response entries : perStream) {
      if (entries == null) {
        continue;
      }
      for (Response e : entries) {
        StreamEntry entry = StreamEntry.from(e);
        if (entry != null) {
          out.add(entry);
        }
      }
    }
    return out;
  }
}
