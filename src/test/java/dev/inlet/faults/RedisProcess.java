package dev.inlet.faults;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.Request;
import java.io.IOException;
import java.util.concurrent.TimeUnit;

/** Operating-system handles on a running redis-server: its pid, and signals to it. */
final class RedisProcess {
    private RedisProcess() {}

    /** The server's pid, from {@code INFO server}'s {@code process_id}. */
    static Future<Long> pid(Redis redis) {
        return redis.send(Request.cmd(Command.INFO).arg("server")).map(info -> {
            for (String line : info.toString().split("\r?\n")) {
                if (line.startsWith("process_id:")) {
                    return Long.parseLong(line.substring("process_id:".length()).trim());
                }
            }
            throw new IllegalStateException("INFO server has no process_id");
        });
    }

    /** Sends {@code signal} (STOP, CONT, KILL) to {@code pid} with kill(1), off the event loop. */
    static Future<Void> signal(Vertx vertx, long pid, String signal) {
        return vertx.executeBlocking(() -> {
            send(pid, signal);
            return null;
        });
    }

    static void send(long pid, String signal) throws IOException, InterruptedException {
        Process kill = new ProcessBuilder("kill", "-" + signal, Long.toString(pid))
                .inheritIO()
                .start();
        if (!kill.waitFor(5, TimeUnit.SECONDS) || kill.exitValue() != 0) {
            throw new IllegalStateException("kill -" + signal + " " + pid + " failed");
        }
    }
}
