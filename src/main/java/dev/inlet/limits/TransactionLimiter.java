package dev.inlet.limits;

import dev.inlet.config.LimitConfig;
import dev.inlet.redis.CommandSender;
import dev.inlet.redis.RedisScript;
import io.vertx.core.Future;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Service and endpoint transaction limits, kept in Redis so every Inlet instance sharing it enforces
 * the same numbers. Rates use GCRA (one key per bucket holding the theoretical arrival time, Redis'
 * own clock), daily quotas a counter per UTC day. All limits of a request are checked first and
 * spent together, so a refusal spends nothing.
 */
public final class TransactionLimiter {
    /**
     * KEYS: per scope, the rate key and the daily key. ARGV: per scope, the emission interval in ms
     * (0 = no rate), the burst, the daily quota (0 = none). Returns 0 when admitted, else {the ms to
     * wait before a retry can succeed, the spent scope's number (from 1), 0 for its rate or 1 for its
     * daily quota}.
     */
    private static final RedisScript SCRIPT = new RedisScript(
            """
      local t = redis.call('TIME')
      local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
      local scopes = #KEYS / 2
      local tats = {}
      for i = 1, scopes do
        local interval = tonumber(ARGV[(i - 1) * 3 + 1])
        local burst = tonumber(ARGV[(i - 1) * 3 + 2])
        local daily = tonumber(ARGV[(i - 1) * 3 + 3])
        if interval > 0 then
          local tat = tonumber(redis.call('GET', KEYS[(i - 1) * 2 + 1]) or now)
          if tat < now then tat = now end
          local tolerance = interval * (burst - 1)
          -- 0.01 ms of slack: at epoch-ms magnitude a double's rounding must not refuse an admissible request.
          if tat - now > tolerance + 0.01 then return {math.max(1, math.ceil(tat - tolerance - now)), i, 0} end
          tats[i] = tat + interval
        end
        if daily > 0 then
          local used = tonumber(redis.call('GET', KEYS[(i - 1) * 2 + 2]) or 0)
          if used >= daily then return {86400000 - (now % 86400000), i, 1} end
        end
      end
      for i = 1, scopes do
        if tats[i] then
          redis.call('SET', KEYS[(i - 1) * 2 + 1], string.format('%.17g', tats[i]), 'PX', math.ceil(tats[i] - now) + 1000)
        end
        if tonumber(ARGV[(i - 1) * 3 + 3]) > 0 then
          redis.call('INCR', KEYS[(i - 1) * 2 + 2])
          redis.call('PEXPIRE', KEYS[(i - 1) * 2 + 2], 90000000)
        end
      end
      return 0
      """);

    private static final DateTimeFormatter DAY = DateTimeFormatter.BASIC_ISO_DATE;

    private final CommandSender redis;
    private final long timeoutMillis;

    public TransactionLimiter(CommandSender redis, Duration timeout) {
        this.redis = redis;
        this.timeoutMillis = timeout.toMillis();
    }

    /** One limited scope: a key prefix (unique per service or endpoint) and its limit. */
    public record Scope(String keyPrefix, LimitConfig limit) {}

    /**
     * The keys of a service's limits and of its endpoints' share one hash tag (the service id) so the
     * script's keys live in one Redis Cluster slot.
     */
    public static Scope serviceScope(String serviceId, LimitConfig limit) {
        return new Scope("inlet:limit:{" + serviceId + "}:svc", limit);
    }

    public static Scope endpointScope(String serviceId, String endpointId, LimitConfig limit) {
        return new Scope("inlet:limit:{" + serviceId + "}:ep:" + endpointId, limit);
    }

    /**
     * The scopes that have a limit, the only ones {@link #acquire} spends in. Endpoints keep only these,
     * so a request to an endpoint without limits never calls the limiter; acquire still skips any
     * unlimited scope it is given.
     */
    public static List<Scope> limited(List<Scope> scopes) {
        return scopes.stream().filter(s -> !s.limit().unlimited()).toList();
    }

    /**
     * Why a transaction was refused: the scope whose limit is spent, whether it is its daily quota
     * (else its rate), and the ms until a retry may pass.
     */
    public record Spent(Scope scope, boolean daily, long waitMillis) {}

    /** Spends one transaction in every scope; the result is null when admitted, else what was spent. */
    public Future<Spent> acquire(List<Scope> scopes) {
        List<Scope> limited = limited(scopes);
        if (limited.isEmpty()) {
            return Future.succeededFuture(null);
        }
        String day = LocalDate.now(ZoneOffset.UTC).format(DAY);
        List<String> keys = new ArrayList<>(limited.size() * 2);
        List<Object> args = new ArrayList<>(limited.size() * 3);
        for (Scope s : limited) {
            LimitConfig l = s.limit();
            keys.add(s.keyPrefix() + ":rate");
            keys.add(s.keyPrefix() + ":day:" + day);
            double interval = l.rate() > 0 ? (double) l.per().toMillis() / l.rate() : 0;
            args.add(String.format(java.util.Locale.ROOT, "%.6f", interval));
            args.add(Math.max(1, l.burst()));
            args.add(l.daily());
        }
        return SCRIPT.run(redis, keys, args)
                .map(r -> r.type() == io.vertx.redis.client.ResponseType.MULTI
                        ? new Spent(
                                limited.get(r.get(1).toInteger() - 1),
                                r.get(2).toInteger() == 1,
                                r.get(0).toLong())
                        : null)
                .timeout(timeoutMillis, TimeUnit.MILLISECONDS);
    }
}
