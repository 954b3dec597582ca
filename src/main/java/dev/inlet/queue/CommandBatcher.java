package dev.inlet.queue;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.Request;
import io.vertx.redis.client.Response;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Group commit for one event loop: the commands sent while the loop handles one round of I/O go to
 * Redis as one pipelined batch, written once, when the round ends. Under load this turns many small
 * writes and replies into a few large ones for both Inlet and Redis; with one request at a time it
 * is a plain send. Every caller still gets its own reply, and only after Redis answered.
 *
 * <p>A batch fails as a whole when any of its commands fails (vertx-redis-client's batch contract):
 * callers then see a failure for commands that may have been applied. For the ingest path that
 * means a 7005 for an event that may be queued, so the sender retries and the event may arrive
 * twice — never a 1002 for an event that is not queued. Confined to the context it was created on.
 */
public final class CommandBatcher implements CommandSender {
  /** Bounds one batch so a burst cannot build one huge write. */
  static final int MAX_BATCH = 512;

  private final Redis redis;
  private final Context context;
  private final long timeoutMillis;
  private List<Request> requests = new ArrayList<>();
  private List<Promise<Response>> promises = new ArrayList<>();
  private boolean scheduled;

  /** Must be created on the event loop whose handlers will call {@link #send}. */
  public CommandBatcher(Redis redis, Context context, long timeoutMillis) {
    this.redis = redis;
    this.context = context;
    this.timeoutMillis = timeoutMillis;
  }

  @Override
  public Future<Response> send(Request request) {
    Promise<Response> promise = Promise.promise();
    requests.add(request);
    promises.add(promise);
    if (requests.size() >= MAX_BATCH) {
      flush();
    } else if (!scheduled) {
      scheduled = true;
      context.runOnContext(v -> flush());
    }
    return promise.future();
  }

  private void flush() {
    scheduled = false;
    if (requests.isEmpty()) {
      return;
    }
    List<Request> batch = requests;
    List<Promise<Response>> waiting = promises;
    requests = new ArrayList<>();
    promises = new ArrayList<>();
    Future<List<Response>> replies = batch.size() == 1
        ? redis.send(batch.get(0)).map(List::of)
        : redis.batch(batch);
    replies.timeout(timeoutMillis, TimeUnit.MILLISECONDS).onComplete(ar -> {
      for (int i = 0; i < waiting.size(); i++) {
        if (ar.succeeded()) {
          waiting.get(i).complete(ar.result().get(i));
        } else {
          waiting.get(i).fail(ar.cause());
        }
      }
    });
  }
}
